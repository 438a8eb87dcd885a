package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SECRET_ROTATION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:secretsmanager/secretRotation:SecretRotation} that the report reads. */
public final class SecretRotation {
  public static final Prop AUTOMATICALLY_AFTER_DAYS = input("rotationRules.automaticallyAfterDays");
  public static final Prop SCHEDULE_EXPRESSION = input("rotationRules.scheduleExpression");
  public static final Prop SECRET_ID = input("secretId");

  private static Prop input(String path) {
    return Prop.of(SECRET_ROTATION, path);
  }

  private SecretRotation() {}
}
