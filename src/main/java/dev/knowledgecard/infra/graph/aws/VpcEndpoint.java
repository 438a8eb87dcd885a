package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.VPC_ENDPOINT;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/vpcEndpoint:VpcEndpoint} that the report reads. */
public final class VpcEndpoint {
  public static final Prop SERVICE_NAME = Prop.of(VPC_ENDPOINT, "serviceName");
  public static final Prop SUBNET_IDS = Prop.of(VPC_ENDPOINT, "subnetIds");
  public static final Prop VPC_ENDPOINT_TYPE = Prop.of(VPC_ENDPOINT, "vpcEndpointType");
  public static final Prop VPC_ID = Prop.of(VPC_ENDPOINT, "vpcId");

  private VpcEndpoint() {}
}
