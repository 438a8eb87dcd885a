package dev.knowledgecard.infra.synth;

import dev.knowledgecard.infra.config.StackContext;

/**
 * The AWS partition a region belongs to, as the provider's {@code getPartition} reports it: the
 * first field of every ARN and the DNS suffix of service endpoints.
 *
 * @param name {@code aws}, {@code aws-cn} or {@code aws-us-gov}
 * @param dnsSuffix the endpoints' domain
 */
record Partition(String name, String dnsSuffix) {
  static Partition of(String region) {
    var name = StackContext.partitionOf(region);
    return new Partition(name, "aws-cn".equals(name) ? "amazonaws.com.cn" : "amazonaws.com");
  }

  /**
   * {@code arn:<partition>:<service>:<region>:<account>:<resource>}; region or account may be "".
   */
  String arn(String service, String region, String account, String resource) {
    return "arn:" + name + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}
