package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SG_RULE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/securityGroupRule:SecurityGroupRule} that the report reads. */
public final class SecurityGroupRule {
  public static final Prop SECURITY_GROUP_ID = input("securityGroupId");
  public static final Prop TYPE = input("type");
  public static final Prop PROTOCOL = input("protocol");
  public static final Prop FROM_PORT = input("fromPort");
  public static final Prop TO_PORT = input("toPort");
  public static final Prop CIDR_BLOCKS = input("cidrBlocks");
  public static final Prop IPV6_CIDR_BLOCKS = input("ipv6CidrBlocks");

  private static Prop input(String path) {
    return Prop.of(SG_RULE, path);
  }

  private SecurityGroupRule() {}
}
