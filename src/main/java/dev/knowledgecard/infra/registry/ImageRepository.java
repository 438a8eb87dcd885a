package dev.knowledgecard.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.ecr.RepositoryPolicyArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.RegistrySettings;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.Grantee;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The private ECR repository the pipeline pushes the app image to and the tasks pull from: scan on
 * push (ECR.1), immutable tags (ECR.2) so a deployed tag always means the same bytes, encryption at
 * rest, and a lifecycle policy (ECR.3) that expires untagged images and keeps the newest tagged
 * ones. Never force-deleted: removing the stack does not silently delete images. With {@code
 * imagePullRoles} a repository policy lets those roles of other accounts pull (staging's repository
 * serves prod's image publisher, which copies the tested digest into prod's registry). The tasks'
 * execution roles pull with {@link #grantPull}; the CI image publisher pushes with {@link
 * #grantPublish}.
 *
 * <pre>{@code
 * var registry = new ImageRepository("staging-registry",
 *     new ImageRepositoryArgs(config.registry()), context, options); // knowledge-card-staging/app
 * registry.repositoryUrl(); // 123456789012.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-staging/app
 * registry.grantPull(appRoles.execution());
 * registry.grantPublish(publisherGrants, config.access().imageSourceRepositoryArn());
 * }</pre>
 */
public final class ImageRepository extends ComponentResource {
  private final DeployNeeds deployNeeds;
  public static final String TYPE = "knowledge-card:registry:ImageRepository";

  /**
   * What the ECS agent pulls an image with (manifest, then layers); logging in to the registry is
   * {@code ecr:GetAuthorizationToken} on "*", which no repository owns. Amazon ECR User Guide,
   * "Using Amazon ECR images with Amazon ECS"
   * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html): the ECS or Fargate
   * agent "must have permissions to make the ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, and
   * ecr:GetAuthorizationToken APIs". AWS's AmazonECSTaskExecutionRolePolicy (Amazon ECS Developer
   * Guide, "Amazon ECS task execution IAM role") also holds {@code
   * ecr:BatchCheckLayerAvailability}, which neither page names as needed to pull: it checks, when
   * an image is pushed, which layers were uploaded before (Amazon ECR API Reference,
   * BatchCheckLayerAvailability).
   */
  static final List<String> TASK_PULL_ACTIONS =
      List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

  /** What copying an image by digest reads (skopeo: manifests, layers, the digest check). */
  static final List<String> PROMOTION_PULL_ACTIONS =
      List.of(
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:DescribeImages");

  /** What pushing adds to those reads: uploading layers and writing the manifest. */
  static final List<String> UPLOAD_ACTIONS =
      List.of(
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Output<String> repositoryArn;
  private final Output<String> repositoryUrl;
  private final Output<String> repositoryName;

  public ImageRepository(
      String name,
      ImageRepositoryArgs args,
      StackContext context,
      ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var repository =
        new Repository(
            name + "-repo",
            RepositoryArgs.builder()
                .name(context.namePrefix() + "/app")
                .imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(
                    RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                // SSE with the AWS-owned AES-256 key: encrypted at rest at no key cost; a
                // customer key would add per-pull KMS calls for no control this stack needs.
                .encryptionConfigurations(
                    RepositoryEncryptionConfigurationArgs.builder()
                        .encryptionType("AES256")
                        .build())
                .forceDelete(false)
                .build(),
            child);
    new LifecyclePolicy(
        name + "-lifecycle",
        LifecyclePolicyArgs.builder()
            .repository(repository.name())
            .policy(lifecyclePolicy(args.settings()))
            .build(),
        child);

    var needs = DeployNeeds.of(name).creates(Repository.class, LifecyclePolicy.class);
    if (!args.settings().pullRoleArns().isEmpty()) {
      needs.creates(RepositoryPolicy.class);
      new RepositoryPolicy(
          name + "-pull-policy",
          RepositoryPolicyArgs.builder()
              .repository(repository.name())
              .policy(pullPolicy(args.settings().pullRoleArns()))
              .build(),
          child);
    }

    this.deployNeeds = needs.build();
    this.repositoryArn = repository.arn();
    this.repositoryUrl = repository.repositoryUrl();
    this.repositoryName = repository.name();
    registerOutputs(
        Map.of(
            "repositoryArn", repositoryArn,
            "repositoryUrl", repositoryUrl,
            "repositoryName", repositoryName));
  }

  /**
   * Grants pulling this repository's images, nothing else (inline policy {@code image-pull}): the
   * execution roles of the tasks that run the app image.
   */
  public void grantPull(Grantee grantee) {
    grantee.grant("image-pull", "PullAppImage", TASK_PULL_ACTIONS, List.of(repositoryArn));
  }

  /**
   * Grants what publishing the app image needs: pushing to this repository (inline policy {@code
   * image-push}) and, when the stack promotes images from another stack's repository, copying from
   * it by digest ({@code promotion-source-pull}; that repository's policy must allow the grantee
   * too). The CI image publisher's role.
   */
  public void grantPublish(Grantee grantee, Optional<String> promotionSourceArn) {
    var push = new ArrayList<>(UPLOAD_ACTIONS);
    push.addAll(PROMOTION_PULL_ACTIONS);
    grantee.grant("image-push", "PushToThisStacksRepository", push, List.of(repositoryArn));
    promotionSourceArn.ifPresent(
        source ->
            grantee.grant(
                "promotion-source-pull",
                "PullFromThePromotionSource",
                PROMOTION_PULL_ACTIONS,
                List.of(Output.of(source))));
  }

  /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}: what images are tagged with. */
  public Output<String> repositoryUrl() {
    return repositoryUrl;
  }

  public Output<String> repositoryName() {
    return repositoryName;
  }

  /**
   * Cross-account pull for the listed roles. The principal is each role's account and the role is
   * matched with {@code aws:PrincipalArn}: a policy naming a role that does not exist yet is
   * rejected, and prod's publisher is created after staging's repository (IAM User Guide, "AWS JSON
   * policy elements: Principal"; ECR User Guide, "Private repository policy examples").
   */
  static Output<String> pullPolicy(List<String> roleArns) {
    var statement =
        PolicyStatement.allow("PullByDigestForPromotion").actions(PROMOTION_PULL_ACTIONS);
    roleArns.stream()
        .map(arn -> arn.substring(0, arn.indexOf(":role/")) + ":root")
        .distinct()
        .sorted()
        .forEach(accountRoot -> statement.principal("AWS", accountRoot));
    statement.condition("ArnLike", "aws:PrincipalArn", roleArns.stream().map(Output::of).toList());
    return PolicyDocument.of(statement.build());
  }

  /**
   * Rule 1 expires untagged images after the configured days; rule 2 keeps the newest N tagged
   * images. ECR evaluates rules by priority and each image matches at most one rule.
   */
  static String lifecyclePolicy(RegistrySettings settings) {
    var policy = JSON.createObjectNode();
    var rules = policy.putArray("rules");
    var untagged = rules.addObject();
    untagged.put("rulePriority", 1);
    untagged.put(
        "description", "Expire untagged images " + settings.untaggedExpiryDays() + " days old");
    var selectUntagged = untagged.putObject("selection");
    selectUntagged.put("tagStatus", "untagged");
    selectUntagged.put("countType", "sinceImagePushed");
    selectUntagged.put("countUnit", "days");
    selectUntagged.put("countNumber", settings.untaggedExpiryDays());
    expire(untagged);

    var tagged = rules.addObject();
    tagged.put("rulePriority", 2);
    tagged.put("description", "Keep the newest " + settings.keepTaggedImages() + " tagged images");
    var selectTagged = tagged.putObject("selection");
    selectTagged.put("tagStatus", "tagged");
    selectTagged.putArray("tagPatternList").add("*");
    selectTagged.put("countType", "imageCountMoreThan");
    selectTagged.put("countNumber", settings.keepTaggedImages());
    expire(tagged);
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expire(ObjectNode rule) {
    rule.putObject("action").put("type", "expire");
  }

  /** What deploying the image repository needs. */
  public DeployNeeds deployNeeds() {
    return deployNeeds;
  }
}
