package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:s3/bucketPolicy:BucketPolicy} that the report reads. */
public final class BucketPolicy {
  public static final Prop BUCKET = input("bucket");
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(BUCKET_POLICY, path);
  }

  private BucketPolicy() {}
}
