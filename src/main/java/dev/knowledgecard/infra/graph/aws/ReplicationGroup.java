package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.REPLICATION_GROUP;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:elasticache/replicationGroup:ReplicationGroup} that the report reads.
 */
public final class ReplicationGroup {
  public static final Prop AT_REST_ENCRYPTION_ENABLED = input("atRestEncryptionEnabled");
  public static final Prop AUTH_TOKEN = input("authToken");
  public static final Prop AUTO_MINOR_VERSION_UPGRADE = input("autoMinorVersionUpgrade");
  public static final Prop AUTOMATIC_FAILOVER_ENABLED = input("automaticFailoverEnabled");
  public static final Prop ENGINE = input("engine");
  public static final Prop MULTI_AZ_ENABLED = input("multiAzEnabled");
  public static final Prop NODE_TYPE = input("nodeType");
  public static final Prop NUM_CACHE_CLUSTERS = input("numCacheClusters");
  public static final Prop NUM_NODE_GROUPS = input("numNodeGroups");
  public static final Prop REPLICAS_PER_NODE_GROUP = input("replicasPerNodeGroup");
  public static final Prop SNAPSHOT_RETENTION_LIMIT = input("snapshotRetentionLimit");
  public static final Prop SUBNET_GROUP_NAME = input("subnetGroupName");
  public static final Prop TRANSIT_ENCRYPTION_ENABLED = input("transitEncryptionEnabled");
  public static final Prop USER_GROUP_IDS = input("userGroupIds");

  /**
   * Nodes of an ElastiCache replication group: {@code numCacheClusters}, or node groups times
   * (replicas + 1) when the group is sharded.
   */
  public static int nodes(GraphResource group) {
    if (NUM_CACHE_CLUSTERS.of(group).isNumber()) {
      return NUM_CACHE_CLUSTERS.of(group).asInt();
    }
    return NUM_NODE_GROUPS.of(group).asInt(1) * (REPLICAS_PER_NODE_GROUP.of(group).asInt(0) + 1);
  }

  private static Prop input(String path) {
    return Prop.of(REPLICATION_GROUP, path);
  }

  private ReplicationGroup() {}
}
