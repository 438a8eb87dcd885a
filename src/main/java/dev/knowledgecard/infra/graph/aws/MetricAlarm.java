package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.METRIC_ALARM;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:cloudwatch/metricAlarm:MetricAlarm} that the report reads. */
public final class MetricAlarm {
  public static final Prop ALARM_ACTIONS = input("alarmActions");

  private static Prop input(String path) {
    return Prop.of(METRIC_ALARM, path);
  }

  private MetricAlarm() {}
}
