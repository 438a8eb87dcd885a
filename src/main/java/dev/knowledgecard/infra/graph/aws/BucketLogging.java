package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_LOGGING;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketLoggingV2:BucketLoggingV2} that the report reads. */
public final class BucketLogging {
  public static final Prop BUCKET = input("bucket");
  public static final Prop TARGET_BUCKET = input("targetBucket");

  private static Prop input(String path) {
    return Prop.of(BUCKET_LOGGING, path);
  }

  private BucketLogging() {}
}
