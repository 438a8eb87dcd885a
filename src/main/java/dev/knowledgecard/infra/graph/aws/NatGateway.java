package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.NAT_GATEWAY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/natGateway:NatGateway} that the report reads. */
public final class NatGateway {
  public static final Prop SUBNET_ID = input("subnetId");

  private static Prop input(String path) {
    return Prop.of(NAT_GATEWAY, path);
  }

  private NatGateway() {}
}
