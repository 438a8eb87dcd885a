package dev.knowledgecard.infra.config;

import com.pulumi.core.Output;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Who hears about problems and when: the alarm topic's subscribers and every alarm threshold.
 *
 * @param emails email subscribers of the alarm topic; required, at least one (an alarm nobody
 *     receives is not monitoring)
 * @param webhookUrl an https endpoint (such as a chat webhook) subscribed to the topic, from {@code
 *     alarmWebhookUrl}; kept secret end to end (it usually embeds a token); default none
 * @param cpuPercent ECS service average CPU above which to alarm; default 80
 * @param memoryPercent ECS service average memory above which to alarm; default 80
 * @param http5xxCount target and load balancer 5xx responses per minute above which to alarm (three
 *     bad minutes out of five); default 10 (staging), 5 (prod)
 * @param responseTimeSeconds target response time p95 above which to alarm; default 2 (staging), 1
 *     (prod)
 * @param dbCpuPercent database CPU above which to alarm; default 80
 * @param dbFreeStorageBytes database free storage below which to alarm; default 2 GiB
 * @param dbFreeableMemoryBytes database freeable memory below which to alarm; default 128 MiB
 *     (staging), 256 MiB (prod)
 * @param dbConnections database connections above which to alarm; default 80 (staging), 150 (prod)
 * @param cacheCpuPercent Redis engine CPU above which to alarm; default 80
 * @param cacheMemoryPercent Redis memory usage above which to alarm; default 80
 * @param cacheEvictions Redis evictions per 5 minutes above which to alarm; default 0 (BullMQ needs
 *     {@code noeviction}: any eviction loses data)
 */
public record AlarmSettings(
    List<String> emails,
    Optional<Output<String>> webhookUrl,
    int cpuPercent,
    int memoryPercent,
    int http5xxCount,
    double responseTimeSeconds,
    int dbCpuPercent,
    double dbFreeStorageBytes,
    double dbFreeableMemoryBytes,
    int dbConnections,
    int cacheCpuPercent,
    int cacheMemoryPercent,
    int cacheEvictions) {

  /** SNS accepts many more, but every one must confirm by hand; beyond this use a list address. */
  static final int MAX_EMAILS = 10;

  static final String WEBHOOK_KEY = "alarmWebhookUrl";
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;

  public AlarmSettings {
    emails = List.copyOf(emails);
  }

  static AlarmSettings read(ConfigReader reader, Environment env) {
    var emails = reader.stringList("alarmEmails", List.of());
    if (emails.isEmpty()) {
      reader.problem(
          "alarmEmails", null, "required: a list of at least one email address for alarms");
    }
    EmailAddresses.check(reader, "alarmEmails", emails, MAX_EMAILS);
    var webhook = reader.optionalString(WEBHOOK_KEY);
    webhook.ifPresent(url -> checkWebhook(reader, url));
    return new AlarmSettings(
        emails,
        webhook.map(ignored -> reader.secret(WEBHOOK_KEY).applyValue(v -> v.orElse("")).asSecret()),
        reader.integer("alarmCpuPercent", 80, 1, 100),
        reader.integer("alarmMemoryPercent", 80, 1, 100),
        reader.integer("alarm5xxCount", env.pick(10, 5), 1, 1_000_000),
        reader.decimal("alarmResponseTimeSeconds", env.pick(2.0, 1.0), 0, 120),
        reader.integer("alarmDbCpuPercent", 80, 1, 100),
        reader.decimal("alarmDbFreeStorageBytes", 2 * GIB, 0, 65_536 * GIB),
        reader.decimal("alarmDbFreeableMemoryBytes", env.pick(128 * MIB, 256 * MIB), 0, 4096 * GIB),
        reader.integer("alarmDbConnections", env.pick(80, 150), 1, 100_000),
        reader.integer("alarmCacheCpuPercent", 80, 1, 100),
        reader.integer("alarmCacheMemoryPercent", 80, 1, 100),
        reader.integer("alarmCacheEvictions", 0, 0, 1_000_000_000));
  }

  private static void checkWebhook(ConfigReader reader, String url) {
    // A value set with --secret reaches the offline synth as a placeholder it cannot check.
    if (ConfigSource.OFFLINE_SECRET_PLACEHOLDER.equals(url)) {
      return;
    }
    try {
      var uri = new URI(url);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    reader.problem(WEBHOOK_KEY, "(not shown)", "an https:// URL such as a chat webhook endpoint");
  }
}
