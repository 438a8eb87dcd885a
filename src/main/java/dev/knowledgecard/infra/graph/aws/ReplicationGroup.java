package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.REPLICATION_GROUP;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:elasticache/replicationGroup:ReplicationGroup} that the report reads.
 */
public final class ReplicationGroup {
  public static final Prop AT_REST_ENCRYPTION_ENABLED =
      Prop.of(REPLICATION_GROUP, "atRestEncryptionEnabled");
  public static final Prop AUTH_TOKEN = Prop.of(REPLICATION_GROUP, "authToken");
  public static final Prop AUTO_MINOR_VERSION_UPGRADE =
      Prop.of(REPLICATION_GROUP, "autoMinorVersionUpgrade");
  public static final Prop AUTOMATIC_FAILOVER_ENABLED =
      Prop.of(REPLICATION_GROUP, "automaticFailoverEnabled");
  public static final Prop ENGINE = Prop.of(REPLICATION_GROUP, "engine");
  public static final Prop MULTI_AZ_ENABLED = Prop.of(REPLICATION_GROUP, "multiAzEnabled");
  public static final Prop NODE_TYPE = Prop.of(REPLICATION_GROUP, "nodeType");
  public static final Prop NUM_CACHE_CLUSTERS = Prop.of(REPLICATION_GROUP, "numCacheClusters");
  public static final Prop NUM_NODE_GROUPS = Prop.of(REPLICATION_GROUP, "numNodeGroups");
  public static final Prop REPLICAS_PER_NODE_GROUP =
      Prop.of(REPLICATION_GROUP, "replicasPerNodeGroup");
  public static final Prop SNAPSHOT_RETENTION_LIMIT =
      Prop.of(REPLICATION_GROUP, "snapshotRetentionLimit");
  public static final Prop SUBNET_GROUP_NAME = Prop.of(REPLICATION_GROUP, "subnetGroupName");
  public static final Prop TRANSIT_ENCRYPTION_ENABLED =
      Prop.of(REPLICATION_GROUP, "transitEncryptionEnabled");
  public static final Prop USER_GROUP_IDS = Prop.of(REPLICATION_GROUP, "userGroupIds");

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

  private ReplicationGroup() {}
}
