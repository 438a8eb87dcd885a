package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_CLUSTER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:elasticache/cluster:Cluster} that the report reads. */
public final class CacheCluster {
  public static final Prop ENGINE = Prop.of(CACHE_CLUSTER, "engine");
  public static final Prop NODE_TYPE = Prop.of(CACHE_CLUSTER, "nodeType");
  public static final Prop NUM_CACHE_NODES = Prop.of(CACHE_CLUSTER, "numCacheNodes");

  private CacheCluster() {}
}
