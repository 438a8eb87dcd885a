package dev.knowledgecard.infra.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The private media bucket.
 *
 * @param bucketName the bucket's name; default none, i.e. derived as {@code
 *     <project>-<stack>-media-<accountId>}. When set: 3-63 lowercase letters, digits and hyphens
 *     (no dots: they break TLS for virtual-hosted pre-signed URLs), none of S3's reserved prefixes
 *     and suffixes.
 * @param appOrigins the app's own https origins allowed to PUT/POST/GET with pre-signed URLs from
 *     the browser (CORS); default none (no CORS configuration at all).
 * @param noncurrentVersionDays days before overwritten or deleted object versions expire; default
 *     30.
 * @param accessLogging server access logs to a separate log bucket (S3.9); default false (staging,
 *     waives S3.9), true (prod).
 * @param accessLogRetentionDays days the access logs are kept; default 90 (staging), 365 (prod).
 * @param forceDestroy let {@code pulumi destroy} delete non-empty buckets; default true (staging),
 *     false (prod, where the media bucket is also {@code protect}ed).
 */
public record StorageSettings(
    Optional<String> bucketName,
    List<String> appOrigins,
    int noncurrentVersionDays,
    boolean accessLogging,
    int accessLogRetentionDays,
    boolean forceDestroy) {

  /** S3's bucket naming rules, minus dots. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", "--x-s3", "--table-s3");
  private static final String BUCKET_RULES =
      "a bucket name of 3-63 lowercase letters, digits and hyphens, starting and ending with a"
          + " letter or digit, no dots, not starting with "
          + RESERVED_PREFIXES
          + " nor ending with "
          + RESERVED_SUFFIXES;

  public StorageSettings {
    appOrigins = List.copyOf(appOrigins);
  }

  /** True if {@code name} follows S3's general-purpose bucket naming rules (and has no dots). */
  public static boolean isValidBucketName(String name) {
    return BUCKET.matcher(name).matches()
        && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
        && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
  }

  /** True for an https origin: scheme and host (and optional port), no path, query or slash. */
  public static boolean isHttpsOrigin(String origin) {
    try {
      var uri = new URI(origin);
      return "https".equals(uri.getScheme())
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawPath().isEmpty()
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && origin.equals("https://" + uri.getRawAuthority());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static StorageSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var name = reader.optionalString("mediaBucketName");
    if (name.isPresent() && !isValidBucketName(name.get())) {
      reader.problem("mediaBucketName", name.get(), BUCKET_RULES);
      name = Optional.empty();
    }
    var origins = reader.stringList("appOrigins", List.of());
    for (var origin : origins) {
      if (!isHttpsOrigin(origin)) {
        reader.problem(
            "appOrigins",
            origin,
            "an https origin such as https://app.example.com (scheme and host, optional port,"
                + " no path or trailing slash)");
      }
    }
    var noncurrent = reader.integer("mediaNoncurrentVersionDays", 30, 1, 3650);
    var logging = reader.bool("mediaAccessLogging", env.isProd());
    if (env.isProd() && !logging) {
      // S3.9 is forced only for the terminal log bucket; the media bucket always logs in prod.
      reader.problem(
          "mediaAccessLogging",
          "false",
          "true in prod (control S3.9: only the terminal access-log bucket may be waived)");
    } else {
      waivers.requireFor(reader, !logging, "S3.9", "mediaAccessLogging", Boolean.toString(logging));
    }
    var logRetention = reader.integer("mediaAccessLogRetentionDays", env.pick(90, 365), 1, 3650);
    var forceDestroy = reader.bool("mediaForceDestroy", !env.isProd());
    if (env.isProd() && forceDestroy) {
      reader.problem(
          "mediaForceDestroy",
          "true",
          "false in prod: the media bucket is protected and pulumi destroy must never empty it"
              + " (data protection, like RDS.8 for the database)");
    }
    return new StorageSettings(
        name,
        origins.stream().filter(StorageSettings::isHttpsOrigin).toList(),
        noncurrent,
        logging,
        logRetention,
        forceDestroy);
  }
}
