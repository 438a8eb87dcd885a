package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.iam.RoleGrants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Actions' way into the account, with no long-lived keys: the GitHub OIDC provider (when
 * this stack owns the account's resources), a read-only preview role for pull requests, a read-only
 * drift role for main's scheduled check and a deploy role for this stack's {@code pulumi up} from
 * the deploy workflow in the stack's GitHub environment. Their policies are assembled from every
 * component's {@link DeployNeeds} and the sourced action table. The image publisher is a separate
 * component ({@link ImagePublisher}, args from {@link #imagePublisherArgs}): its role gets what the
 * image registry grants it.
 *
 * <p>The first {@code pulumi up} of a stack is run by an administrator (these roles do not exist
 * yet), and so is every change to this component, the boundary and the account-level resources: the
 * deploy role is denied changes to CI roles and the boundary by design (docs/runbook.md).
 */
public final class DeployAccess extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:DeployAccess";

  /** Deploy jobs time out at 90 minutes; sessions last 2 hours (contracts, section 5). */
  static final int MAX_SESSION_SECONDS = 7200;

  static final String OIDC_URL = "https://" + GithubTrust.ISSUER_HOST;

  private final Output<String> oidcProviderArn;
  private final Optional<Output<String>> ownedOidcProviderArn;
  private final Output<String> previewRoleArn;
  private final Output<String> deployRoleArn;
  private final Output<String> driftRoleArn;
  private final DeployAccessArgs args;
  private final String ciPath;
  private final String name;
  private final CustomResourceOptions child;

  public DeployAccess(
      String name, DeployAccessArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.args = args;
    this.ciPath = DeployAccessArgs.ciPathFor(context.project(), context.stack());
    this.name = name;
    this.child = CustomResourceOptions.builder().parent(this).build();
    var settings = args.settings();
    var repository = settings.githubRepository();

    if (settings.ownsAccountResources()) {
      var provider =
          new OpenIdConnectProvider(
              name + "-github-oidc",
              OpenIdConnectProviderArgs.builder()
                  .url(OIDC_URL)
                  .clientIdLists(GithubTrust.AUDIENCE)
                  .build(),
              child);
      this.oidcProviderArn = provider.arn();
      this.ownedOidcProviderArn = Optional.of(provider.arn());
    } else {
      // Owned by the other stack of a shared account: one provider per URL per account.
      this.oidcProviderArn =
          Output.of(context.globalArn("iam", "oidc-provider/" + GithubTrust.ISSUER_HOST));
      this.ownedOidcProviderArn = Optional.empty();
    }

    var stateBucket =
        settings
            .stateBucketName()
            .map(Output::of)
            .orElseGet(() -> Output.of(context.project() + "-pulumi-state-" + context.accountId()));
    var stateKey =
        new StateKey(
            settings.stateKmsKeyArn(), "alias/" + context.project() + "-pulumi-state", context);
    var scope =
        new DeployPermissions.Scope(
            context,
            args.confinement().rolePath(),
            ciPath,
            args.confinement().permissionsBoundaryArn(),
            stateBucket,
            stateKey,
            args.needs());
    var table = DeployActionTable.load();
    var reads = DeployPermissions.reads(scope, table);

    // Pull requests of this repository only (GitHub issues no token to forks' runs): the table's
    // reads and the state, nothing that returns a secret value or an object.
    var previewStatements = new ArrayList<>(reads);
    previewStatements.addAll(DeployPermissions.state(scope, false));
    var preview =
        role(
            "preview",
            "GitHub Actions pull requests run pulumi preview of " + context.stack(),
            GithubTrust.like(oidcProviderArn, GithubTrust.pullRequestPreview(repository)),
            previewStatements);
    // Main's drift check (and the pre-approval prod preview) refresh the stack: they also read
    // the values of the stack's own secret versions Pulumi manages.
    var driftStatements = new ArrayList<>(previewStatements);
    driftStatements.addAll(DeployPermissions.ownSecretValues(scope, table));
    var drift =
        role(
            "drift",
            "Main's drift check and pre-approval preview of " + context.stack() + " (read-only)",
            GithubTrust.exact(
                oidcProviderArn,
                GithubTrust.mainDrift(repository),
                GithubTrust.mainPreApprovalPreview(repository)),
            driftStatements);
    var deploy =
        role(
            "deploy",
            "GitHub Actions runs pulumi up of " + context.stack(),
            GithubTrust.exact(
                oidcProviderArn,
                GithubTrust.environmentDeploy(repository, settings.githubEnvironment())),
            DeployPermissions.deploy(scope, table));

    this.previewRoleArn = preview.arn();
    this.driftRoleArn = drift.arn();
    this.deployRoleArn = deploy.arn();
    registerOutputs(
        Map.of(
            "oidcProviderArn", oidcProviderArn,
            "previewRoleArn", previewRoleArn,
            "driftRoleArn", driftRoleArn,
            "deployRoleArn", deployRoleArn));
  }

  /**
   * A CI role on the CI path with the given trust and its statements as managed policies (each
   * under IAM's size limit), sessions long enough for the longest job.
   */
  private Role role(
      String purpose, String description, Output<String> trust, List<PolicyStatement> statements) {
    var role =
        new Role(
            name + "-" + purpose,
            RoleArgs.builder()
                .path(ciPath)
                .description(description)
                .maxSessionDuration(MAX_SESSION_SECONDS)
                .assumeRolePolicy(trust)
                .build(),
            child);
    var parts = DeployPermissions.managedPolicies(statements);
    for (int i = 0; i < parts.size(); i++) {
      var part = name + "-" + purpose + "-" + (i + 1);
      var policy =
          new Policy(
              part,
              PolicyArgs.builder()
                  .path(ciPath)
                  .description(description + " (" + (i + 1) + "/" + parts.size() + ")")
                  .policy(PolicyDocument.of(parts.get(i)))
                  .build(),
              child);
      new RolePolicyAttachment(
          part,
          RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policy.arn()).build(),
          child);
    }
    return role;
  }

  /** The CI roles and the provider: administrator-managed, declared so previews can read them. */
  public static DeployNeeds deployNeeds(String name) {
    return DeployNeeds.of(name)
        .creates(OpenIdConnectProvider.class, Role.class, Policy.class, RolePolicyAttachment.class)
        .build();
  }

  /** The GitHub OIDC provider, created here or owned by the account's other stack. */
  public Output<String> oidcProviderArn() {
    return oidcProviderArn;
  }

  /** The provider's ARN when this stack created it; export only then. */
  public Optional<Output<String>> ownedOidcProviderArn() {
    return ownedOidcProviderArn;
  }

  public Output<String> previewRoleArn() {
    return previewRoleArn;
  }

  /** The table's reads plus the stack's secret versions, for main's drift check. */
  public Output<String> driftRoleArn() {
    return driftRoleArn;
  }

  public Output<String> deployRoleArn() {
    return deployRoleArn;
  }

  /** Everything {@link ImagePublisher} needs besides what the image repository grants it. */
  public ImagePublisherArgs imagePublisherArgs(RoleGrants grants) {
    var settings = args.settings();
    return new ImagePublisherArgs(
        oidcProviderArn, settings.githubRepository(), settings.githubEnvironment(), ciPath, grants);
  }
}
