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
 *     Pulumi with {@code aws secretsmanager put-secret-value}. Default none. Their rotation is the
 *     vendor's. No secret here has a rotation function, so every stack waives SecretsManager.1 and
 *     SecretsManager.4 with a reason (the database's RDS-managed secret does rotate).
 * @param recoveryWindowDays days a deleted secret can be restored, 7 to 30; default 7 (staging), 30
 *     (prod).
 */
public record SecretsSettings(List<String> apiKeySecrets, int recoveryWindowDays) {

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
    // No secret here has a Secrets Manager rotation function: the generated Redis AUTH token and
    // NextAuth secret are rotated by an operator (README "Secrets"), third-party keys by their
    // vendor. The database's credentials are the exception: RDS rotates them itself.
    var unrotated = new java.util.ArrayList<>(List.of("REDIS_AUTH_TOKEN", "NEXTAUTH_SECRET"));
    unrotated.addAll(names);
    for (var control : List.of("SecretsManager.1", "SecretsManager.4")) {
      waivers.requireFor(
          reader, true, control, Waivers.KEY, "secrets without automatic rotation: " + unrotated);
    }
    var recovery = reader.integer("secretRecoveryWindowDays", env.pick(7, 30), 7, 30);
    return new SecretsSettings(names, recovery);
  }
}
