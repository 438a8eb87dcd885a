package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_SUBNET_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/subnetGroup:SubnetGroup} that the report reads. */
public final class RdsSubnetGroup {
  public static final Prop SUBNET_IDS = input("subnetIds");

  private static Prop input(String path) {
    return Prop.of(RDS_SUBNET_GROUP, path);
  }

  private RdsSubnetGroup() {}
}
