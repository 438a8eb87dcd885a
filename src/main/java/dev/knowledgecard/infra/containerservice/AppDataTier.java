package dev.knowledgecard.infra.containerservice;

import com.pulumi.core.Output;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the app needs from the data tier, as plain values: where PostgreSQL, Redis and the media
 * bucket are, the secrets to inject, and the grants their owners wrote for each task's roles. The
 * service and the migration task get different credentials: the service the app database role and
 * the session secret, never the master secret; the migration task the master secret only.
 *
 * @param dbHost PostgreSQL endpoint address ({@code DB_HOST})
 * @param dbPort PostgreSQL port ({@code DB_PORT})
 * @param dbName database name ({@code DB_NAME})
 * @param redisHost Redis primary endpoint ({@code REDIS_HOST})
 * @param redisPort Redis port ({@code REDIS_PORT})
 * @param redisUser the IAM-authenticated RBAC user ({@code REDIS_USER})
 * @param redisCacheName the replication group id, host of the IAM token ({@code REDIS_CACHE_NAME})
 * @param bucketName media bucket ({@code MEDIA_BUCKET})
 * @param containerSecrets the service's environment variable name to {@code valueFrom} (a secret
 *     ARN, or {@code <arn>:<jsonKey>::}); injected only through {@code secrets[]}
 * @param appRoleSecretArn the app database role's secret ({@code DB_SECRET_ARN} of the service),
 *     which the app re-reads when a rotated password is rejected
 * @param sessionSecretArn the session-signing secret ({@code SESSION_SECRET_ARN})
 * @param masterSecretArn the RDS-managed master secret: the migration task's {@code DB_USER},
 *     {@code DB_PASSWORD} and {@code DB_SECRET_ARN}
 * @param appRoleName the app database role the migrations create ({@code DB_APP_USER})
 * @param service grants of the service's execution and task roles
 * @param migration grants of the migration task's execution and task roles
 */
public record AppDataTier(
    Output<String> dbHost,
    Output<Integer> dbPort,
    String dbName,
    Output<String> redisHost,
    int redisPort,
    Output<String> redisUser,
    Output<String> redisCacheName,
    Output<String> bucketName,
    Map<String, Output<String>> containerSecrets,
    Output<String> appRoleSecretArn,
    Output<String> sessionSecretArn,
    Output<String> masterSecretArn,
    String appRoleName,
    Grants service,
    Grants migration) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /**
   * IAM policy documents written by the owners of what a task reads (secrets, cache, bucket), each
   * attached as is.
   *
   * @param execution for the execution role: what ECS reads to inject {@code secrets[]}
   * @param task for the task role: what the app itself calls
   */
  public record Grants(Map<String, Output<String>> execution, Map<String, Output<String>> task) {
    public Grants {
      execution = Collections.unmodifiableMap(new LinkedHashMap<>(execution));
      task = Collections.unmodifiableMap(new LinkedHashMap<>(task));
    }
  }

  public AppDataTier {
    containerSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(containerSecrets));
    for (var variable : containerSecrets.keySet()) {
      if (!ENV_NAME.matcher(variable).matches()) {
        throw new IllegalArgumentException(
            "container secret name " + variable + " is not an environment variable name");
      }
      if (ContainerService.PLAIN_ENVIRONMENT.contains(variable)) {
        throw new IllegalArgumentException(
            "container secret "
                + variable
                + " collides with a non-secret environment variable the service sets");
      }
    }
    if (!containerSecrets.isEmpty() && service.execution().isEmpty()) {
      throw new IllegalArgumentException(
          "container secrets " + containerSecrets.keySet() + " need a grant to read them");
    }
  }

  /** The migration task's secrets: the master credentials, nothing else. */
  Map<String, Output<String>> migrationSecrets() {
    var secrets = new LinkedHashMap<String, Output<String>>();
    secrets.put("DB_USER", masterSecretArn.applyValue(arn -> arn + ":username::"));
    secrets.put("DB_PASSWORD", masterSecretArn.applyValue(arn -> arn + ":password::"));
    return secrets;
  }
}
