package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/route:Route} that the report reads. */
public final class Route {
  public static final Prop GATEWAY_ID = input("gatewayId");
  public static final Prop NAT_GATEWAY_ID = input("natGatewayId");
  public static final Prop NETWORK_INTERFACE_ID = input("networkInterfaceId");
  public static final Prop ROUTE_TABLE_ID = input("routeTableId");

  private static Prop input(String path) {
    return Prop.of(ROUTE, path);
  }

  private Route() {}
}
