package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.EIP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/eip:Eip} that the report reads. */
public final class Eip {
  public static final Prop INSTANCE = input("instance");
  public static final Prop NETWORK_INTERFACE = input("networkInterface");

  private static Prop input(String path) {
    return Prop.of(EIP, path);
  }

  private Eip() {}
}
