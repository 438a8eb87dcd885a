package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.FLOW_LOG;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/flowLog:FlowLog} that the report reads. */
public final class FlowLog {
  public static final Prop TRAFFIC_TYPE = input("trafficType");
  public static final Prop VPC_ID = input("vpcId");

  private static Prop input(String path) {
    return Prop.of(FLOW_LOG, path);
  }

  private FlowLog() {}
}
