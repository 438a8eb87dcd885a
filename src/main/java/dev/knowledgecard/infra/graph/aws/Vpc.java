package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.VPC;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/vpc:Vpc} that the report reads. */
public final class Vpc {
  public static final Prop CIDR_BLOCK = input("cidrBlock");

  private static Prop input(String path) {
    return Prop.of(VPC, path);
  }

  private Vpc() {}
}
