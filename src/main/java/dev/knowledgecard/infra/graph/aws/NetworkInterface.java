package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.NETWORK_INTERFACE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/networkInterface:NetworkInterface} that the report reads. */
public final class NetworkInterface {
  public static final Prop SOURCE_DEST_CHECK = input("sourceDestCheck");
  public static final Prop SUBNET_ID = input("subnetId");

  private static Prop input(String path) {
    return Prop.of(NETWORK_INTERFACE, path);
  }

  private NetworkInterface() {}
}
