package dev.knowledgecard.infra.iam;

import java.util.List;

/** What may be done to a Secrets Manager secret, for the owners of secrets to grant. */
public final class SecretActions {

  /** Reading the current value: ECS injecting it, the app re-reading it after a rotation. */
  public static final List<String> READ = List.of("secretsmanager:GetSecretValue");

  /**
   * What a rotation function does to the secret it rotates: Secrets Manager's four rotation steps
   * (create, set, test, finish), nothing more.
   */
  public static final List<String> ROTATE =
      List.of(
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage");

  private SecretActions() {}
}
