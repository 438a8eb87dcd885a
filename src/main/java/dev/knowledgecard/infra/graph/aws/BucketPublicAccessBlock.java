package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_PUBLIC_ACCESS_BLOCK;

import dev.knowledgecard.infra.graph.Prop;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of {@code aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock} that the report
 * reads.
 */
public final class BucketPublicAccessBlock {
  public static final Prop BUCKET = Prop.of(BUCKET_PUBLIC_ACCESS_BLOCK, "bucket");

  /** The four switches that each close one way in; a block is complete when all are true. */
  public static final List<Prop> FLAGS =
      Stream.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
          .map(flag -> Prop.of(BUCKET_PUBLIC_ACCESS_BLOCK, flag))
          .toList();

  private BucketPublicAccessBlock() {}
}
