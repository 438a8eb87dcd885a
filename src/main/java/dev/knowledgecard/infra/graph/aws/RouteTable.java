package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE_TABLE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/routeTable:RouteTable} that the report reads. */
public final class RouteTable {
  public static final Prop ROUTES = input("routes");
  public static final Prop ROUTES_GATEWAY_ID = ROUTES.field("gatewayId");

  private static Prop input(String path) {
    return Prop.of(ROUTE_TABLE, path);
  }

  private RouteTable() {}
}
