package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SECRET_ROTATION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:secretsmanager/secretRotation:SecretRotation} that the report reads. */
public final class SecretRotation {
  public static final Prop ROTATION_RULES_AUTOMATICALLY_AFTER_DAYS =
      Prop.of(SECRET_ROTATION, "rotationRules.automaticallyAfterDays");
  public static final Prop ROTATION_RULES_SCHEDULE_EXPRESSION =
      Prop.of(SECRET_ROTATION, "rotationRules.scheduleExpression");
  public static final Prop SECRET_ID = Prop.of(SECRET_ROTATION, "secretId");

  private SecretRotation() {}
}
