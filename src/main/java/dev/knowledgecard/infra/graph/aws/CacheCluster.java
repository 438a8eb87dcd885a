package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_CLUSTER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:elasticache/cluster:Cluster} that the report reads. */
public final class CacheCluster {
  public static final Prop ENGINE = input("engine");
  public static final Prop NODE_TYPE = input("nodeType");
  public static final Prop NUM_CACHE_NODES = input("numCacheNodes");

  private static Prop input(String path) {
    return Prop.of(CACHE_CLUSTER, path);
  }

  private CacheCluster() {}
}
