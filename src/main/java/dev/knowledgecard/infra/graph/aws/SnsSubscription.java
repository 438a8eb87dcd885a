package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_SUBSCRIPTION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topicSubscription:TopicSubscription} that the report reads. */
public final class SnsSubscription {
  public static final Prop PROTOCOL = input("protocol");
  public static final Prop TOPIC = input("topic");

  private static Prop input(String path) {
    return Prop.of(SNS_SUBSCRIPTION, path);
  }

  private SnsSubscription() {}
}
