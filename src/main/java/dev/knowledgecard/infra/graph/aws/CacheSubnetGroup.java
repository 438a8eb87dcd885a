package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_SUBNET_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:elasticache/subnetGroup:SubnetGroup} that the report reads. */
public final class CacheSubnetGroup {
  public static final Prop SUBNET_IDS = Prop.of(CACHE_SUBNET_GROUP, "subnetIds");

  private CacheSubnetGroup() {}
}
