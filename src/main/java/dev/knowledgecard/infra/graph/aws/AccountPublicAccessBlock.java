package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ACCOUNT_PUBLIC_ACCESS_BLOCK;

import dev.knowledgecard.infra.graph.Prop;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of {@code aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock} that the report
 * reads.
 */
public final class AccountPublicAccessBlock {
  /** The four switches that each close one way in; a block is complete when all are true. */
  public static final List<Prop> FLAGS =
      Stream.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
          .map(flag -> input(flag))
          .toList();

  private static Prop input(String path) {
    return Prop.of(ACCOUNT_PUBLIC_ACCESS_BLOCK, path);
  }

  private AccountPublicAccessBlock() {}
}
