package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/route:Route} that the report reads. */
public final class Route {
  public static final Prop GATEWAY_ID = Prop.of(ROUTE, "gatewayId");
  public static final Prop NAT_GATEWAY_ID = Prop.of(ROUTE, "natGatewayId");
  public static final Prop NETWORK_INTERFACE_ID = Prop.of(ROUTE, "networkInterfaceId");
  public static final Prop ROUTE_TABLE_ID = Prop.of(ROUTE, "routeTableId");

  private Route() {}
}
