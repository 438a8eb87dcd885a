package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_SUBNET_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/subnetGroup:SubnetGroup} that the report reads. */
public final class RdsSubnetGroup {
  public static final Prop SUBNET_IDS = Prop.of(RDS_SUBNET_GROUP, "subnetIds");

  private RdsSubnetGroup() {}
}
