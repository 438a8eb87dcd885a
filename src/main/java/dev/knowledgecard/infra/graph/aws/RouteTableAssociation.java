package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE_TABLE_ASSOCIATION;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:ec2/routeTableAssociation:RouteTableAssociation} that the report reads.
 */
public final class RouteTableAssociation {
  public static final Prop ROUTE_TABLE_ID = input("routeTableId");
  public static final Prop SUBNET_ID = input("subnetId");

  private static Prop input(String path) {
    return Prop.of(ROUTE_TABLE_ASSOCIATION, path);
  }

  private RouteTableAssociation() {}
}
