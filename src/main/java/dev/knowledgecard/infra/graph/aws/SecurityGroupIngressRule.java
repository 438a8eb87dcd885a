package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SG_INGRESS;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule} that the report
 * reads.
 */
public final class SecurityGroupIngressRule {
  public static final Prop CIDR_IPV4 = Prop.of(SG_INGRESS, "cidrIpv4");
  public static final Prop CIDR_IPV6 = Prop.of(SG_INGRESS, "cidrIpv6");
  public static final Prop FROM_PORT = Prop.of(SG_INGRESS, "fromPort");
  public static final Prop IP_PROTOCOL = Prop.of(SG_INGRESS, "ipProtocol");
  public static final Prop SECURITY_GROUP_ID = Prop.of(SG_INGRESS, "securityGroupId");
  public static final Prop TO_PORT = Prop.of(SG_INGRESS, "toPort");

  private SecurityGroupIngressRule() {}
}
