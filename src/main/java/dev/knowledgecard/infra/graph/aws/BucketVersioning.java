package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_VERSIONING;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketVersioningV2:BucketVersioningV2} that the report reads. */
public final class BucketVersioning {
  public static final Prop BUCKET = input("bucket");
  public static final Prop VERSIONING_STATUS = input("versioningConfiguration.status");

  private static Prop input(String path) {
    return Prop.of(BUCKET_VERSIONING, path);
  }

  private BucketVersioning() {}
}
