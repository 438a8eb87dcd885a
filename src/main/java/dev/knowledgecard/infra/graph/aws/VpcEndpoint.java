package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.VPC_ENDPOINT;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/vpcEndpoint:VpcEndpoint} that the report reads. */
public final class VpcEndpoint {
  public static final Prop SERVICE_NAME = input("serviceName");
  public static final Prop SUBNET_IDS = input("subnetIds");
  public static final Prop VPC_ENDPOINT_TYPE = input("vpcEndpointType");
  public static final Prop VPC_ID = input("vpcId");

  private static Prop input(String path) {
    return Prop.of(VPC_ENDPOINT, path);
  }

  private VpcEndpoint() {}
}
