package dev.knowledgecard.infra.containerservice;

import com.pulumi.core.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the app needs from the data tier, as plain values: where PostgreSQL, Redis and the media
 * bucket are, the storage policy for the task role, and the secrets to inject.
 *
 * @param dbHost PostgreSQL endpoint address ({@code DB_HOST})
 * @param dbPort PostgreSQL port ({@code DB_PORT})
 * @param dbName database name ({@code DB_NAME})
 * @param redisHost Redis primary endpoint ({@code REDIS_HOST})
 * @param redisPort Redis port ({@code REDIS_PORT})
 * @param bucketName media bucket ({@code MEDIA_BUCKET})
 * @param storagePolicyJson IAM policy document granting the app its bucket access; attached to the
 *     task role as is
 * @param containerSecrets environment variable name to {@code valueFrom} (a secret ARN, or {@code
 *     <arn>:<jsonKey>::}); injected only through {@code secrets[]}, never {@code environment}
 * @param secretArns the secrets behind {@code containerSecrets}: the execution role may read
 *     exactly these
 * @param secretKmsKeyArns customer keys encrypting those secrets; the execution role may decrypt
 *     with them through Secrets Manager only. Empty when the secrets use the AWS-managed key.
 * @param dbCredentialsSecretArn the database credentials secret ({@code DB_SECRET_ARN}), which RDS
 *     rotates: the app re-reads it with the task role when a rotated password is rejected, so
 *     running tasks survive a rotation without a restart
 */
public record AppDataTier(
    Output<String> dbHost,
    Output<Integer> dbPort,
    String dbName,
    Output<String> redisHost,
    int redisPort,
    Output<String> bucketName,
    Output<String> storagePolicyJson,
    Map<String, Output<String>> containerSecrets,
    List<Output<String>> secretArns,
    List<Output<String>> secretKmsKeyArns,
    Output<String> dbCredentialsSecretArn) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  public AppDataTier {
    containerSecrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(containerSecrets));
    secretArns = List.copyOf(secretArns);
    secretKmsKeyArns = List.copyOf(secretKmsKeyArns);
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
    if (!containerSecrets.isEmpty() && secretArns.isEmpty()) {
      throw new IllegalArgumentException(
          "container secrets " + containerSecrets.keySet() + " need the secret ARNs they read");
    }
  }
}
