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
import java.util.List;
import java.util.Map;

/**
 * The role CI assumes to push the app image: only from main's deploy workflow in the stack's GitHub
 * environment (a build job without the environment cannot assume it), and able to push to this
 * stack's ECR repository and nothing else.
 */
public final class ImagePublisher extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:ImagePublisher";

  static final List<String> PUSH_ACTIONS =
      List.of(
          "ecr:BatchCheckLayerAvailability",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:DescribeImages");

  static final List<String> PULL_ACTIONS =
      List.of(
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:DescribeImages");

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
    var statements =
        new ArrayList<>(
            List.of(
                // ECR's login token is account-wide by design; it grants nothing by itself.
                PolicyStatement.allow("EcrLogin")
                    .actions("ecr:GetAuthorizationToken")
                    .resource("*")
                    .build(),
                PolicyStatement.allow("PushToThisStacksRepository")
                    .actions(PUSH_ACTIONS)
                    .resource(args.repositoryArn())
                    .build()));
    args.sourceRepositoryArn()
        .ifPresent(
            source ->
                statements.add(
                    PolicyStatement.allow("PullFromThePromotionSource")
                        .actions(PULL_ACTIONS)
                        .resource(source)
                        .build()));
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
