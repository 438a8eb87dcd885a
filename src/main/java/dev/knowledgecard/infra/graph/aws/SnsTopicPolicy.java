package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topicPolicy:TopicPolicy} that the report reads. */
public final class SnsTopicPolicy {
  public static final Prop POLICY = Prop.of(SNS_TOPIC_POLICY, "policy");

  private SnsTopicPolicy() {}
}
