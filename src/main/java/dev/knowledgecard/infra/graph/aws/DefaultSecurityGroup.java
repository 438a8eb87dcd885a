package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.DEFAULT_SG;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:ec2/defaultSecurityGroup:DefaultSecurityGroup} that the report reads.
 */
public final class DefaultSecurityGroup {
  public static final Prop EGRESS = Prop.of(DEFAULT_SG, "egress");
  public static final Prop INGRESS = Prop.of(DEFAULT_SG, "ingress");
  public static final Prop VPC_ID = Prop.of(DEFAULT_SG, "vpcId");

  private DefaultSecurityGroup() {}
}
