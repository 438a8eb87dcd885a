package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/subnet:Subnet} that the report reads. */
public final class Subnet {
  public static final Prop AVAILABILITY_ZONE = input("availabilityZone");
  public static final Prop CIDR_BLOCK = input("cidrBlock");
  public static final Prop MAP_PUBLIC_IP_ON_LAUNCH = input("mapPublicIpOnLaunch");

  private static Prop input(String path) {
    return Prop.of(SUBNET, path);
  }

  private Subnet() {}
}
