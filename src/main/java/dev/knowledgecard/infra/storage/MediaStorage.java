package dev.knowledgecard.infra.storage;

import com.pulumi.aws.s3.BucketCorsConfigurationV2;
import com.pulumi.aws.s3.BucketCorsConfigurationV2Args;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketCorsConfigurationV2CorsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.Grantee;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.s3.PrivateBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The private bucket for user-uploaded media: every public access path blocked, ACLs disabled,
 * encrypted, TLS only, versioned with old versions expiring, abandoned multipart uploads aborted,
 * and CORS open only to the app's own origins for pre-signed browser uploads. Optionally logs every
 * request to a separate access-log bucket (S3.9). The bucket grants the app's task role exactly
 * {@link #OBJECT_ACTIONS} on its objects: {@link #grantReadWrite(Grantee)}.
 */
public final class MediaStorage extends ComponentResource {
  public static final String TYPE = "knowledge-card:storage:MediaStorage";

  /** What the app may do, and all it may do: on objects, never on the bucket. */
  public static final List<String> OBJECT_ACTIONS =
      List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject");

  static final List<String> CORS_METHODS = List.of("PUT", "POST", "GET");
  static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 1;
  private static final int MAX_BUCKET_NAME = 63;

  private final Output<String> bucketName;
  private final Optional<Output<String>> accessLogBucketName;
  private final Output<String> bucketArn;
  private final boolean forceDestroy;

  public MediaStorage(
      String name, MediaStorageArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var settings = args.settings();
    this.forceDestroy = settings.forceDestroy();
    var mediaName = settings.bucketName().orElseGet(() -> derivedName(context));

    var mediaBucket = privateBucket("media", mediaName, !forceDestroy);
    var media = mediaBucket.bucket();
    var rules = new ArrayList<BucketLifecycleConfigurationV2RuleArgs>();
    rules.add(
        BucketLifecycleConfigurationV2RuleArgs.builder()
            .id("expire-noncurrent-versions")
            .status("Enabled")
            .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
            .noncurrentVersionExpiration(
                BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                    .noncurrentDays(settings.noncurrentVersionDays())
                    .build())
            .expiration(
                BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                    .expiredObjectDeleteMarker(true)
                    .build())
            .build());
    rules.add(abortIncompleteUploads());
    lifecycle("media", media, rules);

    if (!settings.appOrigins().isEmpty()) {
      new BucketCorsConfigurationV2(
          name + "-media-cors",
          BucketCorsConfigurationV2Args.builder()
              .bucket(media.bucket())
              .corsRules(
                  BucketCorsConfigurationV2CorsRuleArgs.builder()
                      .id("app-presigned-uploads")
                      .allowedOrigins(settings.appOrigins())
                      .allowedMethods(CORS_METHODS)
                      .allowedHeaders("*")
                      // Multipart uploads from the browser need each part's ETag.
                      .exposeHeaders("ETag")
                      .maxAgeSeconds(3000)
                      .build())
              .build(),
          CustomResourceOptions.builder().parent(this).build());
    }

    if (settings.accessLogging()) {
      var logBucket = privateBucket("access-logs", logBucketName(mediaName), false);
      var logs = logBucket.bucket();
      lifecycle(
          "access-logs",
          logs,
          List.of(
              BucketLifecycleConfigurationV2RuleArgs.builder()
                  .id("expire-access-logs")
                  .status("Enabled")
                  .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                  .expiration(
                      BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                          .days(settings.accessLogRetentionDays())
                          .build())
                  .noncurrentVersionExpiration(
                      BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                          .noncurrentDays(1)
                          .build())
                  .build(),
              abortIncompleteUploads()));
      tlsOnlyPolicy(
          "access-logs",
          logBucket,
          List.of(
              // S3 log delivery writes server access logs of this account's buckets only: the
              // media bucket and the load balancer's log bucket (control S3.9 for both).
              PolicyStatement.allow("S3ServerAccessLogDelivery")
                  .servicePrincipal("logging.s3.amazonaws.com")
                  .actions("s3:PutObject")
                  .resource(logs.arn().applyValue(arn -> arn + "/*"))
                  .condition("StringEquals", "aws:SourceAccount", context.accountId())
                  .build()));
      new BucketLoggingV2(
          name + "-media-logging",
          BucketLoggingV2Args.builder()
              .bucket(media.bucket())
              .targetBucket(logs.bucket())
              .targetPrefix("media/")
              .build(),
          CustomResourceOptions.builder().parent(this).build());
      this.accessLogBucketName = Optional.of(logs.bucket());
    } else {
      this.accessLogBucketName = Optional.empty();
    }
    tlsOnlyPolicy("media", mediaBucket, List.of());

    this.bucketName = media.bucket();
    this.bucketArn = media.arn();
    registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
  }

  /** The bucket's name: the app's {@code MEDIA_BUCKET}. */
  public Output<String> bucketName() {
    return bucketName;
  }

  public Output<String> bucketArn() {
    return bucketArn;
  }

  /**
   * The bucket receiving S3 server access logs of the stack's buckets, when access logging is on;
   * other components point their buckets' logging at it.
   */
  public Optional<Output<String>> accessLogBucketName() {
    return accessLogBucketName;
  }

  /**
   * Grants {@link #OBJECT_ACTIONS} on the bucket's objects, nothing on the bucket itself: the app's
   * task role (inline policy {@code storage}).
   */
  public void grantReadWrite(Grantee grantee) {
    var objects = bucketArn.applyValue(arn -> arn + "/*");
    grantee.grant("storage", "MediaObjectsReadWrite", OBJECT_ACTIONS, List.of(objects));
  }

  /** {@code <prefix>-media-<account>}, the prefix cut so the name fits S3's 63 characters. */
  static String derivedName(StackContext context) {
    // Leave room for the access-log bucket's "-logs" too.
    return context.name("-media-" + context.accountId(), MAX_BUCKET_NAME - "-logs".length());
  }

  /**
   * The access-log bucket's name: the media bucket's plus {@code -logs}, the media bucket's name
   * cut to fit 63 characters as every physical name is ({@link StackContext#truncate}).
   */
  static String logBucketName(String mediaBucketName) {
    return StackContext.truncate(mediaBucketName, "-logs", MAX_BUCKET_NAME);
  }

  /** A bucket with public access blocked, ACLs off, SSE-S3 and versioning: S3.1/8/12/14. */
  private PrivateBucket privateBucket(String role, String bucketName, boolean protect) {
    return PrivateBucket.create(
        pulumiResourceName() + "-" + role,
        BucketV2Args.builder().bucket(bucketName).forceDestroy(forceDestroy).build(),
        CustomResourceOptions.builder().parent(this).protect(protect).build(),
        this);
  }

  private void lifecycle(
      String role, BucketV2 bucket, List<BucketLifecycleConfigurationV2RuleArgs> rules) {
    new BucketLifecycleConfigurationV2(
        pulumiResourceName() + "-" + role + "-lifecycle",
        BucketLifecycleConfigurationV2Args.builder().bucket(bucket.bucket()).rules(rules).build(),
        CustomResourceOptions.builder().parent(this).build());
  }

  private static BucketLifecycleConfigurationV2RuleArgs abortIncompleteUploads() {
    return BucketLifecycleConfigurationV2RuleArgs.builder()
        .id("abort-incomplete-multipart-uploads")
        .status("Enabled")
        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
        .abortIncompleteMultipartUpload(
            BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS)
                .build())
        .build();
  }

  /** S3.5: deny every request not made over TLS, plus any statements the bucket needs. */
  private void tlsOnlyPolicy(String role, PrivateBucket target, List<PolicyStatement> extra) {
    target.tlsOnlyPolicy(pulumiResourceName() + "-" + role + "-policy", extra, this);
  }

  /** What deploying the media storage needs. */
  public DeployNeeds deployNeeds() {
    return PrivateBucket.declare(DeployNeeds.of(pulumiResourceName()))
        .creates(
            BucketCorsConfigurationV2.class,
            BucketLifecycleConfigurationV2.class,
            BucketLoggingV2.class)
        .build();
  }
}
