package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SECURITY_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/securityGroup:SecurityGroup} that the report reads. */
public final class SecurityGroup {
  public static final Prop INGRESS = input("ingress");
  public static final IngressBlock INGRESS_ITEM = IngressBlock.itemsOf(INGRESS);

  private static Prop input(String path) {
    return Prop.of(SECURITY_GROUP, path);
  }

  private SecurityGroup() {}
}
