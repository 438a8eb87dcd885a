package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.EIP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/eip:Eip} that the report reads. */
public final class Eip {
  public static final Prop INSTANCE = Prop.of(EIP, "instance");
  public static final Prop NETWORK_INTERFACE = Prop.of(EIP, "networkInterface");

  private Eip() {}
}
