package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topic:Topic} that the report reads. */
public final class SnsTopic {
  public static final Prop KMS_MASTER_KEY_ID = input("kmsMasterKeyId");
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(SNS_TOPIC, path);
  }

  private SnsTopic() {}
}
