package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Actions' way into the account, with no long-lived keys: the GitHub OIDC provider (when
 * this stack owns the account's resources), a read-only preview role for pull requests and a deploy
 * role for this stack's {@code pulumi up} from the main branch or the stack's environment. The
 * image publisher needs the ECR repository and is a separate component ({@link ImagePublisher},
 * args from {@link #imagePublisherArgs}).
 *
 * <p>The first {@code pulumi up} of a stack is run by an administrator (these roles do not exist
 * yet), and so is every change to this component, the boundary and the account-level resources: the
 * deploy role is denied changes to CI roles and the boundary by design (docs/runbook.md).
 */
public final class DeployAccess extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:DeployAccess";
  public static final String READ_ONLY_POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String OIDC_URL = "https://" + GithubTrust.ISSUER_HOST;

  private final Output<String> oidcProviderArn;
  private final Optional<Output<String>> ownedOidcProviderArn;
  private final Output<String> previewRoleArn;
  private final Output<String> deployRoleArn;
  private final Output<String> driftRoleArn;
  private final DeployAccessArgs args;
  private final String name;
  private final CustomResourceOptions child;

  public DeployAccess(String name, DeployAccessArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.args = args;
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
          args.accountId()
              .applyValue(id -> "arn:aws:iam::" + id + ":oidc-provider/" + GithubTrust.ISSUER_HOST);
      this.ownedOidcProviderArn = Optional.empty();
    }

    var stateBucket =
        settings
            .stateBucketName()
            .map(Output::of)
            .orElseGet(
                () -> args.accountId().applyValue(id -> args.project() + "-pulumi-state-" + id));
    var stateKey =
        new StateKey(
            settings.stateKmsKeyArn(),
            "alias/" + args.project() + "-pulumi-state",
            args.accountId());

    // Pull requests of this repository only (GitHub issues no token to forks' runs).
    var preview =
        readOnlyRole(
            args,
            "preview",
            "GitHub Actions pull requests run pulumi preview of " + args.stack(),
            List.of(GithubTrust.pullRequests(repository)),
            previewStatements(stateBucket, stateKey));
    // The scheduled drift check on main refreshes the stack: it must also read the values of the
    // secret versions Pulumi manages, which pull-request code must never see.
    var driftStatements = new java.util.ArrayList<>(previewStatements(stateBucket, stateKey));
    driftStatements.add(
        PolicyStatement.allow("RefreshStackSecretVersions")
            .actions("secretsmanager:GetSecretValue")
            .resource(
                args.accountId()
                    .applyValue(
                        id ->
                            "arn:aws:secretsmanager:"
                                + args.region()
                                + ":"
                                + id
                                + ":secret:"
                                + args.project()
                                + "-"
                                + args.stack()
                                + "/*"))
            .build());
    var drift =
        readOnlyRole(
            args,
            "drift",
            "The scheduled drift check on main runs a refresh preview of " + args.stack(),
            List.of(GithubTrust.mainBranch(repository)),
            driftStatements);

    var deploy =
        new Role(
            name + "-deploy",
            RoleArgs.builder()
                .path(args.ciPath())
                .description("GitHub Actions runs pulumi up of " + args.stack())
                .maxSessionDuration(3600)
                .assumeRolePolicy(
                    GithubTrust.policy(
                        oidcProviderArn,
                        List.of(
                            GithubTrust.mainBranch(repository),
                            GithubTrust.environment(repository, settings.githubEnvironment()))))
                .build(),
            child);
    var scope =
        new DeployPermissions.Scope(
            args.project(),
            args.stack(),
            args.region(),
            args.accountId(),
            args.confinement().rolePath(),
            args.ciPath(),
            args.confinement().permissionsBoundaryArn(),
            args.budgetName(),
            stateBucket,
            stateKey,
            args.domainName());
    DeployPermissions.policies(scope)
        .forEach(
            (part, statements) -> {
              var policy =
                  new Policy(
                      name + "-deploy-" + part,
                      PolicyArgs.builder()
                          .path(args.ciPath())
                          .description(
                              "pulumi up of " + args.stack() + ": " + part + " permissions")
                          .policy(PolicyDocument.of(statements))
                          .build(),
                      child);
              new RolePolicyAttachment(
                  name + "-deploy-" + part,
                  RolePolicyAttachmentArgs.builder()
                      .role(deploy.name())
                      .policyArn(policy.arn())
                      .build(),
                  child);
            });

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

  /** A role with AWS ReadOnlyAccess plus the given inline statements, for the given subjects. */
  private Role readOnlyRole(
      DeployAccessArgs args,
      String purpose,
      String description,
      List<String> subjects,
      List<PolicyStatement> statements) {
    var role =
        new Role(
            name + "-" + purpose,
            RoleArgs.builder()
                .path(args.ciPath())
                .description(description)
                .maxSessionDuration(3600)
                .assumeRolePolicy(GithubTrust.policy(oidcProviderArn, subjects))
                .build(),
            child);
    new RolePolicyAttachment(
        name + "-" + purpose + "-read-only",
        RolePolicyAttachmentArgs.builder()
            .role(role.name())
            .policyArn(READ_ONLY_POLICY_ARN)
            .build(),
        child);
    new RolePolicy(
        name + "-" + purpose + "-state",
        RolePolicyArgs.builder().role(role.id()).policy(PolicyDocument.of(statements)).build(),
        child);
    return role;
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

  /** Read-only plus the stack's secret versions, for the scheduled drift check on main. */
  public Output<String> driftRoleArn() {
    return driftRoleArn;
  }

  public Output<String> deployRoleArn() {
    return deployRoleArn;
  }

  /** Everything {@link ImagePublisher} needs besides the repository it may push to. */
  public ImagePublisherArgs imagePublisherArgs(Output<String> ecrRepositoryArn) {
    return new ImagePublisherArgs(
        oidcProviderArn,
        args.settings().githubRepository(),
        args.settings().githubEnvironment(),
        args.ciPath(),
        ecrRepositoryArn,
        args.settings().imageSourceRepositoryArn().map(Output::of));
  }

  /**
   * {@code pulumi preview} (without {@code --refresh}) takes no lock and writes nothing to a DIY
   * backend: it reads the checkpoint and decrypts the stack's secrets. ReadOnlyAccess also lets it
   * read every S3 object in the account, so object reads outside the state bucket are denied.
   */
  private static List<PolicyStatement> previewStatements(
      Output<String> stateBucket, StateKey stateKey) {
    var bucketArn = stateBucket.applyValue(b -> "arn:aws:s3:::" + b);
    var objects = stateBucket.applyValue(b -> "arn:aws:s3:::" + b + "/.pulumi/*");
    return List.of(
        PolicyStatement.allow("StateBucketList")
            .actions("s3:ListBucket", "s3:GetBucketLocation")
            .resource(bucketArn)
            .build(),
        PolicyStatement.allow("StateObjectsRead").actions("s3:GetObject").resource(objects).build(),
        stateKey.scope(PolicyStatement.allow("StateKeyDecrypt")).actions("kms:Decrypt").build(),
        PolicyStatement.deny("NoObjectReadsOutsideState")
            .actions("s3:GetObject", "s3:GetObjectVersion")
            .notResource(objects)
            .build());
  }
}
