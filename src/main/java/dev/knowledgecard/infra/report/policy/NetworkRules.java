package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.DEFAULT_SG;
import static dev.knowledgecard.infra.graph.AwsTypes.FLOW_LOG;
import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;
import static dev.knowledgecard.infra.graph.AwsTypes.VPC;
import static dev.knowledgecard.infra.graph.AwsTypes.VPC_ENDPOINT;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;

import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.List;
import java.util.Optional;

/** The VPC's own controls: default group closed, flow logs, EC2 endpoint, no auto public IPs. */
final class NetworkRules {
  private static final Prop DEFAULT_SG_VPC = Prop.of(DEFAULT_SG, "vpcId");
  private static final Prop DEFAULT_SG_INGRESS = Prop.of(DEFAULT_SG, "ingress");
  private static final Prop DEFAULT_SG_EGRESS = Prop.of(DEFAULT_SG, "egress");
  private static final Prop FLOW_LOG_VPC = Prop.of(FLOW_LOG, "vpcId");
  private static final Prop ENDPOINT_VPC = Prop.of(VPC_ENDPOINT, "vpcId");
  private static final Prop ENDPOINT_SERVICE = Prop.of(VPC_ENDPOINT, "serviceName");
  private static final Prop ENDPOINT_TYPE = Prop.of(VPC_ENDPOINT, "vpcEndpointType");
  private static final Prop MAP_PUBLIC_IP = Prop.of(SUBNET, "mapPublicIpOnLaunch");

  private static final Subjects VPCS = new Subjects(VPC, "VPC");

  static final List<Rule> ALL =
      List.of(
          new Rule("EC2.2", NetworkRules::ec2_2DefaultGroupClosed),
          new Rule("EC2.6", NetworkRules::ec2_6FlowLogs),
          new Rule("EC2.10", NetworkRules::ec2_10Ec2Endpoint),
          new Rule(
              "EC2.15",
              g ->
                  each(
                      g,
                      SUBNET,
                      "subnet",
                      "does not auto-assign public IPs",
                      r -> isFalse(r, MAP_PUBLIC_IP, false))));

  private NetworkRules() {}

  private static Finding ec2_2DefaultGroupClosed(StackGraph g) {
    return VPCS.each(
        g,
        "its default security group is adopted with no rules",
        vpc -> {
          var adopted = g.referencing(vpc, DEFAULT_SG_VPC);
          if (adopted.isEmpty()) {
            return Optional.of(
                "the default security group is not adopted (AWS's default allows traffic)");
          }
          for (var sg : adopted) {
            if (DEFAULT_SG_INGRESS.of(sg).size() > 0 || DEFAULT_SG_EGRESS.of(sg).size() > 0) {
              return Optional.of(sg.name() + " keeps ingress or egress rules");
            }
          }
          return Optional.empty();
        });
  }

  private static Finding ec2_6FlowLogs(StackGraph g) {
    return VPCS.each(
        g,
        "has a flow log",
        vpc ->
            g.referencing(vpc, FLOW_LOG_VPC).isEmpty()
                ? Optional.of("no aws:ec2/flowLog on this VPC")
                : Optional.empty());
  }

  private static Finding ec2_10Ec2Endpoint(StackGraph g) {
    return VPCS.each(
        g,
        "has an interface endpoint for the EC2 API",
        vpc ->
            g.referencing(vpc, ENDPOINT_VPC).stream()
                    .anyMatch(
                        e ->
                            ENDPOINT_SERVICE.of(e).asText("").endsWith(".ec2")
                                && "Interface".equals(ENDPOINT_TYPE.of(e).asText("")))
                ? Optional.empty()
                : Optional.of("no Interface endpoint for com.amazonaws.<region>.ec2"));
  }
}
