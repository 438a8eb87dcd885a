package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SECURITY_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/securityGroup:SecurityGroup} that the report reads. */
public final class SecurityGroup {
  public static final Prop INGRESS = input("ingress");
  public static final Prop INGRESS_PROTOCOL = INGRESS.field("protocol");
  public static final Prop INGRESS_FROM_PORT = INGRESS.field("fromPort");
  public static final Prop INGRESS_TO_PORT = INGRESS.field("toPort");
  public static final Prop INGRESS_CIDR_BLOCKS = INGRESS.field("cidrBlocks");
  public static final Prop INGRESS_IPV6_CIDR_BLOCKS = INGRESS.field("ipv6CidrBlocks");

  private static Prop input(String path) {
    return Prop.of(SECURITY_GROUP, path);
  }

  private SecurityGroup() {}
}
