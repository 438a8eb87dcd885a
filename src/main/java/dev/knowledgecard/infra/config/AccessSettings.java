package dev.knowledgecard.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may deploy this stack from CI and which account-level resources it owns.
 *
 * @param githubRepository the GitHub repository ({@code owner/name}) whose workflows may assume the
 *     CI roles; required
 * @param githubEnvironment the GitHub environment whose jobs may deploy this stack (besides the
 *     main branch); default the stack name
 * @param stateBucketName the S3 bucket of the Pulumi state backend; default {@code
 *     <project>-pulumi-state-<account id>} (the name the runbook creates)
 * @param stateKmsKeyArn the KMS key of the Pulumi secrets provider and state bucket; default none,
 *     which matches the key by its alias {@code alias/<project>-pulumi-state} instead
 * @param imageSourceRepositoryArn the ECR repository the image publisher may pull from to promote
 *     an image by digest (prod: staging's repository ARN); default none
 * @param ownsAccountResources whether this stack creates the account-level resources (the GitHub
 *     OIDC provider and the account's S3 public access block); default true: every stack has an AWS
 *     account of its own. Only the e2e template sets false, since its sandbox account's are the
 *     administrator's
 */
public record AccessSettings(
    String githubRepository,
    String githubEnvironment,
    Optional<String> stateBucketName,
    Optional<String> stateKmsKeyArn,
    Optional<String> imageSourceRepositoryArn,
    boolean ownsAccountResources) {

  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");
  private static final Pattern BUCKET =
      Pattern.compile("(?!xn--)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern ECR_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:ecr:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:repository/[a-z0-9][a-z0-9._/-]{1,255}");
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:key/[a-zA-Z0-9-]{1,64}");

  static AccessSettings read(ConfigReader reader, String stack) {
    var repository =
        reader.required(
            "githubRepository", "the GitHub repository as owner/name", "invalid/invalid");
    if (!REPOSITORY.matcher(repository).matches() || repository.endsWith("/.")) {
      reader.problem(
          "githubRepository", repository, "a GitHub repository as owner/name, e.g. acme/webapp");
    }
    var environment = reader.string("githubEnvironment", stack);
    // An ephemeral copy of a template stack (`e2e-<run id>` of Pulumi.e2e.yaml) keeps the
    // template's environment.
    var ownEnvironment = environment.equals(stack) || stack.startsWith(environment + "-");
    if (!ENVIRONMENT.matcher(environment).matches() || !ownEnvironment) {
      // The deploy roles trust jobs of this environment: another stack's (e.g. staging's, without
      // required reviewers) would let its jobs deploy this stack.
      reader.problem(
          "githubEnvironment",
          environment,
          "the stack's own name ("
              + stack
              + ") or, for an ephemeral <template>-<run> stack, the template's name: GitHub"
              + " environments are named like the stacks and the deploy role trusts only its own");
    }
    var bucket = reader.optionalString("stateBucketName");
    bucket
        .filter(b -> !BUCKET.matcher(b).matches())
        .ifPresent(b -> reader.problem("stateBucketName", b, "an S3 bucket name (3-63 lowercase)"));
    var key = reader.optionalString("stateKmsKeyArn");
    key.filter(k -> !KEY_ARN.matcher(k).matches())
        .ifPresent(
            k ->
                reader.problem(
                    "stateKmsKeyArn",
                    k,
                    "a KMS key ARN arn:aws:kms:<region>:<account>:key/<id> (not an alias: IAM"
                        + " policies match keys by ARN)"));
    var source = reader.optionalString("imageSourceRepositoryArn");
    source
        .filter(a -> !ECR_ARN.matcher(a).matches())
        .ifPresent(
            a ->
                reader.problem(
                    "imageSourceRepositoryArn",
                    a,
                    "an ECR repository ARN arn:aws:ecr:<region>:<account>:repository/<name>"));
    return new AccessSettings(
        repository, environment, bucket, key, source, reader.bool("ownsAccountResources", true));
  }
}
