package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.EVENT_RULE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:cloudwatch/eventRule:EventRule} that the report reads. */
public final class EventRule {
  public static final Prop EVENT_BUS_NAME = input("eventBusName");
  public static final Prop EVENT_PATTERN = input("eventPattern");

  private static Prop input(String path) {
    return Prop.of(EVENT_RULE, path);
  }

  private EventRule() {}
}
