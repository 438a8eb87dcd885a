package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SG_INGRESS;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule} that the report
 * reads.
 */
public final class SecurityGroupIngressRule {
  public static final Prop CIDR_IPV4 = input("cidrIpv4");
  public static final Prop CIDR_IPV6 = input("cidrIpv6");
  public static final Prop FROM_PORT = input("fromPort");
  public static final Prop IP_PROTOCOL = input("ipProtocol");
  public static final Prop SECURITY_GROUP_ID = input("securityGroupId");
  public static final Prop TO_PORT = input("toPort");

  private static Prop input(String path) {
    return Prop.of(SG_INGRESS, path);
  }

  private SecurityGroupIngressRule() {}
}
