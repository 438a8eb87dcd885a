package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.DEFAULT_SG;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:ec2/defaultSecurityGroup:DefaultSecurityGroup} that the report reads.
 */
public final class DefaultSecurityGroup {
  public static final Prop EGRESS = input("egress");
  public static final Prop INGRESS = input("ingress");
  public static final IngressBlock INGRESS_ITEM = IngressBlock.itemsOf(INGRESS);
  public static final Prop VPC_ID = input("vpcId");

  private static Prop input(String path) {
    return Prop.of(DEFAULT_SG, path);
  }

  private DefaultSecurityGroup() {}
}
