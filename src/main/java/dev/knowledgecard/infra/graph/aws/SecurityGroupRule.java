package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SG_RULE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/securityGroupRule:SecurityGroupRule} that the report reads. */
public final class SecurityGroupRule {
  public static final Prop SECURITY_GROUP_ID = input("securityGroupId");
  public static final Prop TYPE = input("type");
  public static final IngressBlock PERMISSION =
      new IngressBlock(
          input("protocol"),
          input("fromPort"),
          input("toPort"),
          input("cidrBlocks"),
          input("ipv6CidrBlocks"));

  private static Prop input(String path) {
    return Prop.of(SG_RULE, path);
  }

  private SecurityGroupRule() {}
}
