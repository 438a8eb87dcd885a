package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketPolicy:BucketPolicy} that the report reads. */
public final class BucketPolicy {
  public static final Prop BUCKET = Prop.of(BUCKET_POLICY, "bucket");
  public static final Prop POLICY = Prop.of(BUCKET_POLICY, "policy");

  private BucketPolicy() {}
}
