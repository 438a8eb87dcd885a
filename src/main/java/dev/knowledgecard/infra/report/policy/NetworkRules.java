package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;
import static dev.knowledgecard.infra.graph.AwsTypes.VPC;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;

import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.DefaultSecurityGroup;
import dev.knowledgecard.infra.graph.aws.FlowLog;
import dev.knowledgecard.infra.graph.aws.Subnet;
import dev.knowledgecard.infra.graph.aws.VpcEndpoint;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.List;
import java.util.Optional;

/** The VPC's own controls: default group closed, flow logs, EC2 endpoint, no auto public IPs. */
final class NetworkRules {

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
                      r -> isFalse(r, Subnet.MAP_PUBLIC_IP_ON_LAUNCH, false))));

  private NetworkRules() {}

  private static Finding ec2_2DefaultGroupClosed(StackGraph g) {
    return VPCS.each(
        g,
        "its default security group is adopted with no rules",
        vpc -> {
          var adopted = g.referencing(vpc, DefaultSecurityGroup.VPC_ID);
          if (adopted.isEmpty()) {
            return Optional.of(
                "the default security group is not adopted (AWS's default allows traffic)");
          }
          for (var sg : adopted) {
            if (DefaultSecurityGroup.INGRESS.of(sg).size() > 0
                || DefaultSecurityGroup.EGRESS.of(sg).size() > 0) {
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
            g.referencing(vpc, FlowLog.VPC_ID).isEmpty()
                ? Optional.of("no aws:ec2/flowLog on this VPC")
                : Optional.empty());
  }

  private static Finding ec2_10Ec2Endpoint(StackGraph g) {
    return VPCS.each(
        g,
        "has an interface endpoint for the EC2 API",
        vpc ->
            g.referencing(vpc, VpcEndpoint.VPC_ID).stream()
                    .anyMatch(
                        e ->
                            VpcEndpoint.SERVICE_NAME.of(e).asText("").endsWith(".ec2")
                                && "Interface"
                                    .equals(VpcEndpoint.VPC_ENDPOINT_TYPE.of(e).asText("")))
                ? Optional.empty()
                : Optional.of("no Interface endpoint for com.amazonaws.<region>.ec2"));
  }
}
