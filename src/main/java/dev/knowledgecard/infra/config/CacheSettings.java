package dev.knowledgecard.infra.config;

import java.util.Map;

/**
 * The Redis replication group (cluster mode disabled).
 *
 * @param engineVersion Valkey engine version, {@code 7.2} or {@code 8.0}; default {@code 8.0}.
 * @param nodeType ElastiCache node type; default {@code cache.t4g.micro} (Graviton).
 * @param nodes primary plus replicas, 1 to 6; default 1 (staging, waives ElastiCache.3), 2 (prod:
 *     automatic failover and Multi-AZ, which need at least 2).
 * @param snapshotRetentionDays automatic backups, 1 to 35 days (ElastiCache.1); default 1
 *     (staging), 7 (prod).
 */
public record CacheSettings(
    String engineVersion, String nodeType, int nodes, int snapshotRetentionDays) {

  /** Automatic failover and Multi-AZ need a replica to fail over to. */
  public boolean automaticFailover() {
    return nodes >= 2;
  }

  static CacheSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var version = reader.choice("cacheEngineVersion", "8.0", Map.of("7.2", "7.2", "8.0", "8.0"));
    var nodeType =
        reader.instanceType("cacheNodeType", "cache.t4g.micro", "an ElastiCache node type");
    var nodes = reader.integer("cacheNodes", env.pick(1, 2), 1, 6);
    waivers.requireFor(reader, nodes < 2, "ElastiCache.3", "cacheNodes", Integer.toString(nodes));
    var retention = reader.integer("cacheSnapshotRetentionDays", env.pick(1, 7), 1, 35);
    return new CacheSettings(version, nodeType, nodes, retention);
  }
}
