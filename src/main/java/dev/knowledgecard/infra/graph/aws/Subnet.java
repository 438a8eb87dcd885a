package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/subnet:Subnet} that the report reads. */
public final class Subnet {
  public static final Prop AVAILABILITY_ZONE = Prop.of(SUBNET, "availabilityZone");
  public static final Prop CIDR_BLOCK = Prop.of(SUBNET, "cidrBlock");
  public static final Prop MAP_PUBLIC_IP_ON_LAUNCH = Prop.of(SUBNET, "mapPublicIpOnLaunch");

  private Subnet() {}
}
