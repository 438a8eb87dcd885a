package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_LIFECYCLE;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2} that
 * the report reads.
 */
public final class BucketLifecycleConfiguration {
  public static final Prop BUCKET = input("bucket");

  private static Prop input(String path) {
    return Prop.of(BUCKET_LIFECYCLE, path);
  }

  private BucketLifecycleConfiguration() {}
}
