package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_SUBNET_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:elasticache/subnetGroup:SubnetGroup} that the report reads. */
public final class CacheSubnetGroup {
  public static final Prop SUBNET_IDS = input("subnetIds");

  private static Prop input(String path) {
    return Prop.of(CACHE_SUBNET_GROUP, path);
  }

  private CacheSubnetGroup() {}
}
