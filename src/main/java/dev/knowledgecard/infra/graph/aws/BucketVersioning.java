package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_VERSIONING;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketVersioningV2:BucketVersioningV2} that the report reads. */
public final class BucketVersioning {
  public static final Prop BUCKET = Prop.of(BUCKET_VERSIONING, "bucket");
  public static final Prop VERSIONING_CONFIGURATION_STATUS =
      Prop.of(BUCKET_VERSIONING, "versioningConfiguration.status");

  private BucketVersioning() {}
}
