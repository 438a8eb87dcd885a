package dev.knowledgecard.infra.securitygroups;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Optional;

/**
 * One security group and the rules that open it (CDK's {@code Connections}). The component behind
 * the group opens what it serves, e.g. {@code database.allowFrom(app.connections(), "PostgreSQL")}:
 * an ingress rule on this group and the matching egress rule on the peer's, each naming the other
 * group rather than a CIDR.
 *
 * <p>Rules are children of the {@link SecurityGroups} component that holds the groups, named after
 * the group they belong to ({@code <group>-from-<peer>}, {@code <group>-to-<peer>}), wherever the
 * call is made: their URNs do not depend on which component opened them.
 */
public final class Connections {
  private final SecurityGroup group;
  private final String label;
  private final String served;
  private final String who;
  private final Optional<Integer> defaultPort;
  private final CustomResourceOptions ruleOptions;

  Connections(
      SecurityGroup group,
      String label,
      String served,
      String who,
      Optional<Integer> defaultPort,
      CustomResourceOptions ruleOptions) {
    this.group = group;
    this.label = label;
    this.served = served;
    this.who = who;
    this.defaultPort = defaultPort;
    this.ruleOptions = ruleOptions;
  }

  /** The security group's id. */
  public Output<String> id() {
    return group.id();
  }

  /** The port this group serves on, when it serves one. */
  public int defaultPort() {
    return defaultPort.orElseThrow(
        () -> new IllegalStateException("security group " + label + " serves no port"));
  }

  /**
   * Lets {@code peer} reach this group's default port: an ingress rule on this group described
   * {@code "<served> from <peer>"}, and on the peer's group the egress rule to this one, described
   * by {@code why}.
   */
  public void allowDefaultPortFrom(Connections peer, String why) {
    var port = defaultPort();
    new SecurityGroupIngressRule(
        group.pulumiResourceName() + "-from-" + peer.label,
        SecurityGroupIngressRuleArgs.builder()
            .securityGroupId(group.id())
            .description(served + " from " + peer.who)
            .ipProtocol("tcp")
            .fromPort(port)
            .toPort(port)
            .referencedSecurityGroupId(peer.group.id())
            .build(),
        ruleOptions);
    new SecurityGroupEgressRule(
        peer.group.pulumiResourceName() + "-to-" + label,
        SecurityGroupEgressRuleArgs.builder()
            .securityGroupId(peer.group.id())
            .description(why)
            .ipProtocol("tcp")
            .fromPort(port)
            .toPort(port)
            .referencedSecurityGroupId(group.id())
            .build(),
        ruleOptions);
  }

  /** Lets anyone on the internet, IPv4 and IPv6, reach {@code port} of this group. */
  public void allowFromInternet(int port, String description) {
    for (var family : new String[] {"ipv4", "ipv6"}) {
      var rule =
          SecurityGroupIngressRuleArgs.builder()
              .securityGroupId(group.id())
              .description(description)
              .ipProtocol("tcp")
              .fromPort(port)
              .toPort(port);
      if (family.equals("ipv4")) {
        rule.cidrIpv4("0.0.0.0/0");
      } else {
        rule.cidrIpv6("::/0");
      }
      new SecurityGroupIngressRule(
          group.pulumiResourceName() + "-" + port + "-from-internet-" + family,
          rule.build(),
          ruleOptions);
    }
  }

  /** Lets this group call HTTPS anywhere (AWS APIs through NAT or endpoints). */
  public void allowHttpsOut(String description) {
    new SecurityGroupEgressRule(
        group.pulumiResourceName() + "-to-internet-https",
        SecurityGroupEgressRuleArgs.builder()
            .securityGroupId(group.id())
            .description(description)
            .ipProtocol("tcp")
            .fromPort(443)
            .toPort(443)
            .cidrIpv4("0.0.0.0/0")
            .build(),
        ruleOptions);
  }
}
