package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LOG_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:cloudwatch/logGroup:LogGroup} that the report reads. */
public final class LogGroup {
  public static final Prop RETENTION_IN_DAYS = input("retentionInDays");

  private static Prop input(String path) {
    return Prop.of(LOG_GROUP, path);
  }

  private LogGroup() {}
}
