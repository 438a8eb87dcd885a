package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_LOGGING;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketLoggingV2:BucketLoggingV2} that the report reads. */
public final class BucketLogging {
  public static final Prop BUCKET = Prop.of(BUCKET_LOGGING, "bucket");
  public static final Prop TARGET_BUCKET = Prop.of(BUCKET_LOGGING, "targetBucket");

  private BucketLogging() {}
}
