package dev.knowledgecard.infra.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's Secrets Manager secrets beyond the database's own.
 *
 * @param apiKeySecrets third-party API keys the app reads, each an UPPER_SNAKE environment variable
 *     name (e.g. {@code OPENAI_API_KEY}); each gets an empty secret whose value is set outside
 *     Pulumi with {@code aws secretsmanager put-secret-value}. Default none. Only their vendor can
 *     rotate them, so a stack that has any must waive SecretsManager.1 and SecretsManager.4; every
 *     other secret rotates (the rotation Lambda, or RDS for the master secret).
 * @param recoveryWindowDays days a deleted secret can be restored, 7 to 30; default 7 (staging), 30
 *     (prod).
 * @param rotationDays days between automatic rotations of the session secret and the app database
 *     role's secret: 1 to 90 (SecretsManager.4) in staging, 1 to 30 in prod; default 30.
 */
public record SecretsSettings(
    List<String> apiKeySecrets, int recoveryWindowDays, int rotationDays) {

  /** Prod rotates every credential at least monthly. */
  static final int MAX_ROTATION_DAYS_PROD = 30;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  /** Env names the program itself fills: an API key may not shadow them. */
  public static final Set<String> RESERVED_NAMES =
      Set.of(
          "DB_HOST",
          "DB_PORT",
          "DB_NAME",
          "DB_SECRET_ARN",
          "DB_USER",
          "DB_PASSWORD",
          "DB_SSL",
          "REDIS_HOST",
          "REDIS_PORT",
          "REDIS_TLS",
          "REDIS_AUTH_TOKEN",
          "REDIS_AUTH_MODE",
          "REDIS_USER",
          "REDIS_CACHE_NAME",
          "SESSION_SECRET_ARN",
          "SESSION_SECRET_GRACE_HOURS",
          "DB_APP_USER",
          "DB_CA_FILE",
          "MEDIA_BUCKET",
          "AWS_REGION",
          "PUBLIC_URL",
          "NEXTAUTH_SECRET",
          "NEXTAUTH_URL",
          "NODE_ENV",
          "PORT");

  public SecretsSettings {
    apiKeySecrets = List.copyOf(apiKeySecrets);
  }

  static SecretsSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var names = reader.stringList("apiKeySecrets", List.of());
    var seen = new HashSet<String>();
    for (var name : names) {
      if (!ENV_NAME.matcher(name).matches() || name.startsWith("AWS_")) {
        reader.problem(
            "apiKeySecrets",
            name,
            "an UPPER_SNAKE environment variable name such as OPENAI_API_KEY, not AWS_*");
      } else if (RESERVED_NAMES.contains(name)) {
        reader.problem(
            "apiKeySecrets",
            name,
            "a name the program does not already set; reserved: "
                + new java.util.TreeSet<>(RESERVED_NAMES));
      } else if (!seen.add(name)) {
        reader.problem("apiKeySecrets", name, "each name once");
      }
    }
    // Every secret the program creates rotates except third-party keys, which only their vendor
    // can reissue: a stack with any must say so (the waiver names them in its reason).
    for (var control : List.of("SecretsManager.1", "SecretsManager.4")) {
      waivers.requireFor(
          reader,
          !names.isEmpty(),
          control,
          "apiKeySecrets",
          "vendor API keys without automatic rotation: " + names);
    }
    var recovery = reader.integer("secretRecoveryWindowDays", env.pick(7, 30), 7, 30);
    var rotation =
        reader.integer(
            "secretRotationDays", MAX_ROTATION_DAYS_PROD, 1, env.pick(90, MAX_ROTATION_DAYS_PROD));
    return new SecretsSettings(names, recovery, rotation);
  }
}
