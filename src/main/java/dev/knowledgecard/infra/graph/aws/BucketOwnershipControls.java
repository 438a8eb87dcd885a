package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_OWNERSHIP;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:s3/bucketOwnershipControls:BucketOwnershipControls} that the report
 * reads.
 */
public final class BucketOwnershipControls {
  public static final Prop BUCKET = input("bucket");
  public static final Prop RULE_OBJECT_OWNERSHIP = input("rule.objectOwnership");

  private static Prop input(String path) {
    return Prop.of(BUCKET_OWNERSHIP, path);
  }

  private BucketOwnershipControls() {}
}
