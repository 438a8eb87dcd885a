package dev.knowledgecard.infra.config;

/**
 * The application's log group.
 *
 * @param appLogRetentionDays retention of the app log group; default 30 (staging), 90 (prod); one
 *     of the values CloudWatch accepts, never "forever".
 * @param appLogKmsEncryption encrypt the app log group with a customer-managed KMS key (rotated
 *     yearly); default false (staging), true (prod).
 */
public record LoggingSettings(int appLogRetentionDays, boolean appLogKmsEncryption) {

  static LoggingSettings read(ConfigReader reader, Environment env) {
    var encrypted = reader.bool("appLogKmsEncryption", env.pick(false, true));
    if (env.isProd() && !encrypted) {
      reader.problem(
          "appLogKmsEncryption",
          "false",
          "true in prod: app logs are encrypted with a rotated customer key (encryption, KMS.4)");
    }
    return new LoggingSettings(
        reader.integerOneOf("appLogRetentionDays", env.pick(30, 90), LogRetention.ALLOWED_DAYS),
        encrypted);
  }
}
