package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topic:Topic} that the report reads. */
public final class SnsTopic {
  public static final Prop KMS_MASTER_KEY_ID = Prop.of(SNS_TOPIC, "kmsMasterKeyId");
  public static final Prop POLICY = Prop.of(SNS_TOPIC, "policy");

  private SnsTopic() {}
}
