package dev.knowledgecard.infra.s3;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket with public access blocked, ACLs off, SSE-S3 and versioning (controls S3.1/8/12/14),
 * shared by every component that owns a bucket. SSE-S3 because it is free and the only default
 * encryption S3 server access logs and ALB access logs support.
 *
 * <pre>{@code
 * var logs = PrivateBucket.create(name + "-logs", BucketV2Args.builder().build(), child, this);
 * logs.tlsOnlyPolicy(name + "-logs-policy", List.of(deliveryStatement), this);
 * }</pre>
 *
 * @param bucket the bucket
 * @param publicAccessBlock the block a bucket policy must wait for (S3 rejects concurrent changes)
 */
public record PrivateBucket(BucketV2 bucket, BucketPublicAccessBlock publicAccessBlock) {

  /**
   * Creates the bucket {@code name} with options {@code bucketOptions}, and its children {@code
   * name-public-access-block}, {@code -ownership}, {@code -encryption}, {@code -versioning} under
   * {@code parent}.
   */
  public static PrivateBucket create(
      String name, BucketV2Args bucketArgs, CustomResourceOptions bucketOptions, Resource parent) {
    var child = CustomResourceOptions.builder().parent(parent).build();
    var bucket = new BucketV2(name, bucketArgs, bucketOptions);
    var publicAccessBlock =
        new BucketPublicAccessBlock(
            name + "-public-access-block",
            BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.bucket())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(),
            child);
    new BucketOwnershipControls(
        name + "-ownership",
        BucketOwnershipControlsArgs.builder()
            .bucket(bucket.bucket())
            .rule(
                BucketOwnershipControlsRuleArgs.builder()
                    .objectOwnership("BucketOwnerEnforced")
                    .build())
            .build(),
        child);
    new BucketServerSideEncryptionConfigurationV2(
        name + "-encryption",
        BucketServerSideEncryptionConfigurationV2Args.builder()
            .bucket(bucket.bucket())
            .rules(
                BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                    .applyServerSideEncryptionByDefault(
                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                            .builder()
                            .sseAlgorithm("AES256")
                            .build())
                    .build())
            .build(),
        child);
    new BucketVersioningV2(
        name + "-versioning",
        BucketVersioningV2Args.builder()
            .bucket(bucket.bucket())
            .versioningConfiguration(
                BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
            .build(),
        child);
    return new PrivateBucket(bucket, publicAccessBlock);
  }

  /**
   * The bucket policy {@code name}: S3.5's deny of every request not made over TLS, plus the
   * statements the bucket needs; applied after the public access block.
   */
  public BucketPolicy tlsOnlyPolicy(String name, List<PolicyStatement> extra, Resource parent) {
    var arn = bucket.arn();
    var statements = new ArrayList<PolicyStatement>();
    statements.add(
        PolicyStatement.deny("DenyInsecureTransport")
            .principal("AWS", "*")
            .actions("s3:*")
            .resource(arn)
            .resource(arn.applyValue(a -> a + "/*"))
            .condition("Bool", "aws:SecureTransport", "false")
            .build());
    statements.addAll(extra);
    return new BucketPolicy(
        name,
        BucketPolicyArgs.builder()
            .bucket(bucket.bucket())
            .policy(PolicyDocument.of(statements))
            .build(),
        CustomResourceOptions.builder().parent(parent).dependsOn(publicAccessBlock).build());
  }

  /** Adds what deploying a private bucket needs to a component's declaration. */
  public static DeployNeeds.Builder declare(DeployNeeds.Builder needs) {
    return needs.creates(
        BucketV2.class,
        BucketPublicAccessBlock.class,
        BucketOwnershipControls.class,
        BucketServerSideEncryptionConfigurationV2.class,
        BucketVersioningV2.class,
        BucketPolicy.class);
  }
}
