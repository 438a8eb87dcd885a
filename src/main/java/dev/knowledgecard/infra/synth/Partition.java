package dev.knowledgecard.infra.synth;

/**
 * The AWS partition a region belongs to, as the provider's {@code getPartition} reports it: the
 * first field of every ARN and the DNS suffix of service endpoints.
 *
 * @param name {@code aws}, {@code aws-cn} or {@code aws-us-gov}
 * @param dnsSuffix the endpoints' domain
 */
record Partition(String name, String dnsSuffix) {
  static Partition of(String region) {
    if (region.startsWith("cn-")) {
      return new Partition("aws-cn", "amazonaws.com.cn");
    }
    if (region.startsWith("us-gov-")) {
      return new Partition("aws-us-gov", "amazonaws.com");
    }
    return new Partition("aws", "amazonaws.com");
  }

  /**
   * {@code arn:<partition>:<service>:<region>:<account>:<resource>}; region or account may be "".
   */
  String arn(String service, String region, String account, String resource) {
    return "arn:" + name + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}
