package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topicPolicy:TopicPolicy} that the report reads. */
public final class SnsTopicPolicy {
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(SNS_TOPIC_POLICY, path);
  }

  private SnsTopicPolicy() {}
}
