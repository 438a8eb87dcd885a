package dev.knowledgecard.infra.synth;

import java.util.Map;

/**
 * What the offline engine knows of a resource being created: its logical name, the physical name
 * the provider would give it, a deterministic id, and its inputs.
 */
record MockResource(
    String type,
    String name,
    String physicalName,
    String id,
    String region,
    String account,
    Map<String, Object> inputs) {

  /** The partition of the stack's region, the first field of its ARNs. */
  Partition partition() {
    return Partition.of(region);
  }

  /** An ARN in this stack's partition, region and account. */
  String arn(String service, String rest) {
    return partition().arn(service, region, account, rest);
  }

  /** A global (region-less) ARN such as IAM's. */
  String globalArn(String service, String rest) {
    return partition().arn(service, "", account, rest);
  }

  /** An ARN with neither region nor account, such as an S3 bucket's or a hosted zone's. */
  String accountlessArn(String service, String rest) {
    return partition().arn(service, "", "", rest);
  }

  Object input(String key) {
    return inputs.get(key);
  }

  /** Deterministic lowercase hex of the given length, from the type and logical name. */
  String hex(int length) {
    var out = new StringBuilder();
    var seed = type + "/" + name;
    while (out.length() < length) {
      out.append(sha256(seed + "#" + out.length()));
    }
    return out.substring(0, length);
  }

  /** Deterministic decimal digits of the given length. */
  String digits(int length) {
    var out = new StringBuilder();
    for (char c : hex(length).toCharArray()) {
      out.append(Character.digit(c, 16) % 10);
    }
    return out.toString();
  }

  /** A deterministic UUID-shaped id, as ACM and Application Auto Scaling use. */
  String uuid() {
    var h = hex(32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  /**
   * The canonical hosted zone of Application Load Balancers in this region (AWS "Elastic Load
   * Balancing endpoints and quotas"); a deterministic stand-in for regions not listed.
   */
  String albHostedZoneId() {
    return switch (region) {
      case "us-east-1" -> "Z35SXDOTRQ7X7K";
      case "us-east-2" -> "Z3AADJGX6KTTL2";
      case "us-west-1" -> "Z368ELLRRE2KJ0";
      case "us-west-2" -> "Z1H1FL5HABSF5";
      case "eu-west-1" -> "Z32O12XQLNTSW2";
      case "eu-central-1" -> "Z215JYRZR1TBD5";
      default -> "Z" + hex(12).toUpperCase(java.util.Locale.ROOT);
    };
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
