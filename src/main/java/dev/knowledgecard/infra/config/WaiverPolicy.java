package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which controls a stack may waive, per environment. Staging may waive what costs money or friction
 * ({@link SecurityControl#waivable()}). Prod may waive a control another control or AWS forces to
 * fail ({@link #FORCED}) with a reason; any other waivable control only with an owner and an expiry
 * at most {@value #MAX_DAYS} days ahead; and never those of {@link #NEVER_IN_PROD}.
 */
public final class WaiverPolicy {
  /** How far ahead a waiver's expiry may be. */
  public static final int MAX_DAYS = 90;

  /** Controls whose failure another control or AWS itself forces, with why. */
  public static final Map<String, String> FORCED =
      Map.of(
          "ELB.18",
          "ELB.1 requires port 80 to redirect to HTTPS, so that redirect listener is plain HTTP",
          "S3.9",
          "the terminal access-log bucket cannot log to itself (S3 warns of a log loop) nor to a"
              + " bucket that would then need its own log bucket",
          "EC2.9",
          "a NAT instance needs a public IPv4 address to reach the internet",
          "EC2.25",
          "the NAT instances' launch template must assign that public address",
          "EC2.180",
          "a NAT instance forwards other hosts' packets, which needs source/destination checking off",
          "EC2.17",
          "a NAT instance keeps a fixed second network interface that the private routes target",
          "AutoScaling.2",
          "each NAT instance's Auto Scaling group serves one AZ's routes, so it spans that AZ only",
          "SecretsManager.1",
          "vendor API keys (e.g. OpenAI) are issued by the vendor: AWS cannot rotate them",
          "SecretsManager.4",
          "vendor API keys are issued by the vendor: AWS cannot rotate them within 90 days");

  /**
   * Controls prod never waives, each with what it keeps: availability, protection or encryption.
   */
  public static final Map<String, String> NEVER_IN_PROD =
      byControl(
          Map.of(
              "availability",
              List.of("RDS.5", "ElastiCache.3", "ELB.13"),
              "protection",
              List.of(
                  "RDS.7", "RDS.8", "RDS.11", "ELB.6", "ElastiCache.1", "S3.14", "S3.1", "S3.8"),
              "encryption",
              List.of(
                  "RDS.3",
                  "RDS.38",
                  "ElastiCache.4",
                  "ElastiCache.5",
                  "S3.5",
                  "S3.17",
                  "SNS.1",
                  "KMS.4",
                  "ELB.1")));

  /** Controls by category to categories by control; a control in two categories is a bug. */
  private static Map<String, String> byControl(Map<String, List<String>> byCategory) {
    return byCategory.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(control -> Map.entry(control, e.getKey())))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private WaiverPolicy() {}

  /** Why prod may not waive {@code control}, or null when it may (with the rules above). */
  static String refusalInProd(String control) {
    var category = NEVER_IN_PROD.get(control);
    return category == null
        ? null
        : "never waived in prod (" + category + " control: keep the secure setting)";
  }

  /** Whether {@code control} may be waived at all in {@code environment}. */
  static boolean waivable(SecurityControl control, Environment environment) {
    if (FORCED.containsKey(control.id())) {
      return true;
    }
    return control.waivable() && !(environment.isProd() && NEVER_IN_PROD.containsKey(control.id()));
  }
}
