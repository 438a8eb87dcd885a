package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.Map;

/**
 * The role CI assumes to push the app image: only from main's deploy workflow in the stack's GitHub
 * environment (a build job without the environment cannot assume it), and able to do what the
 * registry granted it (push to this stack's repository, copy from the promotion source) and nothing
 * else, all in one inline policy.
 */
public final class ImagePublisher extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:ImagePublisher";

  private final Output<String> roleArn;

  public ImagePublisher(String name, ImagePublisherArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var role =
        new Role(
            name + "-role",
            RoleArgs.builder()
                .path(args.ciPath())
                .description("GitHub Actions pushes the app image to this stack's ECR repository")
                .maxSessionDuration(DeployAccess.MAX_SESSION_SECONDS)
                .assumeRolePolicy(
                    GithubTrust.exact(
                        args.oidcProviderArn(),
                        GithubTrust.environmentDeploy(args.repository(), args.environment())))
                .build(),
            child);
    var statements = new ArrayList<PolicyStatement>();
    // ECR's login token is account-wide by design; it grants nothing by itself.
    statements.add(
        PolicyStatement.allow("EcrLogin")
            .actions("ecr:GetAuthorizationToken")
            .resource("*")
            .build());
    statements.addAll(args.grants().statements());
    new RolePolicy(
        name + "-push",
        RolePolicyArgs.builder().role(role.id()).policy(PolicyDocument.of(statements)).build(),
        child);
    this.roleArn = role.arn();
    registerOutputs(Map.of("roleArn", roleArn));
  }

  public Output<String> roleArn() {
    return roleArn;
  }

  /** A CI role: administrator-managed, declared so previews can read it. */
  public static DeployNeeds deployNeeds(String name) {
    return DeployNeeds.of(name).creates(Role.class, RolePolicy.class).build();
  }
}
