package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SNS_SUBSCRIPTION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:sns/topicSubscription:TopicSubscription} that the report reads. */
public final class SnsSubscription {
  public static final Prop PROTOCOL = Prop.of(SNS_SUBSCRIPTION, "protocol");
  public static final Prop TOPIC = Prop.of(SNS_SUBSCRIPTION, "topic");

  private SnsSubscription() {}
}
