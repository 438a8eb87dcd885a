package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_CLUSTER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/cluster:Cluster} that the report reads. */
public final class RdsCluster {
  public static final Prop DELETION_PROTECTION = input("deletionProtection");

  private static Prop input(String path) {
    return Prop.of(RDS_CLUSTER, path);
  }

  private RdsCluster() {}
}
