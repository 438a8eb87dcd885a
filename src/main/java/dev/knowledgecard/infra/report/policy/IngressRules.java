package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.DEFAULT_SG;
import static dev.knowledgecard.infra.graph.AwsTypes.LOAD_BALANCER;
import static dev.knowledgecard.infra.graph.AwsTypes.SECURITY_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.SG_INGRESS;
import static dev.knowledgecard.infra.graph.AwsTypes.SG_RULE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.DefaultSecurityGroup;
import dev.knowledgecard.infra.graph.aws.IngressBlock;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.graph.aws.SecurityGroup;
import dev.knowledgecard.infra.graph.aws.SecurityGroupIngressRule;
import dev.knowledgecard.infra.graph.aws.SecurityGroupRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What security groups open to the internet: standalone ingress rules, legacy rules and groups'
 * inline blocks, read as one list of permissions (EC2.18, EC2.19, EC2.53, EC2.54).
 */
final class IngressRules {
  /** Ports Security Hub's EC2.19 treats as high risk. */
  private static final int[] HIGH_RISK_PORTS = {
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500,
    5601, 8080, 8088, 8888, 9200, 9300
  };

  private static final int[] REMOTE_ADMIN_PORTS = {22, 3389};
  private static final String ANY_IPV4 = "0.0.0.0/0";
  private static final String ANY_IPV6 = "::/0";

  static final List<Rule> ALL =
      List.of(
          new Rule("EC2.18", IngressRules::ec2_18OpenOnlyWebPortsOfLoadBalancer),
          new Rule("EC2.19", IngressRules::ec2_19NoOpenHighRiskPorts),
          new Rule("EC2.53", g -> openAdminPorts(g, false)),
          new Rule("EC2.54", g -> openAdminPorts(g, true)));

  private IngressRules() {}

  /** One ingress permission, from a standalone rule or a group's inline block. */
  record Ingress(
      GraphResource declaredBy,
      Optional<GraphResource> group,
      String protocol,
      int fromPort,
      int toPort,
      boolean anyIpv4,
      boolean anyIpv6) {
    boolean open() {
      return anyIpv4 || anyIpv6;
    }

    boolean allPorts() {
      return "-1".equals(protocol) || "all".equalsIgnoreCase(protocol);
    }

    boolean covers(int port) {
      return allPorts() || (fromPort <= port && port <= toPort);
    }

    String describe() {
      var ports =
          allPorts()
              ? "all ports"
              : fromPort == toPort ? "port " + fromPort : "ports " + fromPort + "-" + toPort;
      return declaredBy.name()
          + " opens "
          + ports
          + " to "
          + (anyIpv4 && anyIpv6 ? ANY_IPV4 + " and " + ANY_IPV6 : anyIpv4 ? ANY_IPV4 : ANY_IPV6);
    }
  }

  static List<Ingress> ingressPermissions(StackGraph g) {
    var out = new ArrayList<Ingress>();
    for (var r : g.all(SG_INGRESS)) {
      out.add(
          new Ingress(
              r,
              g.referenced(r, SecurityGroupIngressRule.SECURITY_GROUP_ID, SECURITY_GROUP).stream()
                  .findFirst(),
              SecurityGroupIngressRule.IP_PROTOCOL.of(r).asText("tcp"),
              SecurityGroupIngressRule.FROM_PORT.of(r).asInt(0),
              SecurityGroupIngressRule.TO_PORT.of(r).asInt(65535),
              ANY_IPV4.equals(SecurityGroupIngressRule.CIDR_IPV4.of(r).asText("")),
              ANY_IPV6.equals(SecurityGroupIngressRule.CIDR_IPV6.of(r).asText(""))));
    }
    for (var r : g.all(SG_RULE)) {
      if ("ingress".equals(SecurityGroupRule.TYPE.of(r).asText(""))) {
        out.add(
            blockIngress(
                r,
                g.referenced(r, SecurityGroupRule.SECURITY_GROUP_ID, SECURITY_GROUP),
                r.props(),
                SecurityGroupRule.PERMISSION));
      }
    }
    for (var sg : g.all(SECURITY_GROUP)) {
      for (var block : SecurityGroup.INGRESS.of(sg)) {
        out.add(blockIngress(sg, List.of(sg), block, SecurityGroup.INGRESS_ITEM));
      }
    }
    for (var sg : g.all(DEFAULT_SG)) {
      for (var block : DefaultSecurityGroup.INGRESS.of(sg)) {
        out.add(blockIngress(sg, List.of(sg), block, DefaultSecurityGroup.INGRESS_ITEM));
      }
    }
    return out;
  }

  private static Ingress blockIngress(
      GraphResource r, List<GraphResource> group, JsonNode block, IngressBlock fields) {
    return new Ingress(
        r,
        group.stream().findFirst(),
        fields.protocol().in(block).asText("tcp"),
        fields.fromPort().in(block).asInt(0),
        fields.toPort().in(block).asInt(65535),
        StackGraph.texts(fields.cidrBlocks().in(block)).contains(ANY_IPV4),
        StackGraph.texts(fields.ipv6CidrBlocks().in(block)).contains(ANY_IPV6));
  }

  private static Finding ingressFinding(StackGraph g, List<Ingress> violations, String passReason) {
    if (g.all(SECURITY_GROUP).isEmpty() && g.all(DEFAULT_SG).isEmpty()) {
      return Finding.notApplicable("no security groups in the graph");
    }
    if (violations.isEmpty()) {
      return Finding.pass(
          ingressPermissions(g).stream().map(i -> i.declaredBy().name()).distinct().toList(),
          passReason);
    }
    return Finding.fail(
        violations.stream().map(i -> i.declaredBy().name()).distinct().toList(),
        violations.stream().map(Ingress::describe).collect(Collectors.joining("; ")));
  }

  private static Finding ec2_18OpenOnlyWebPortsOfLoadBalancer(StackGraph g) {
    var lbGroups = new HashSet<GraphResource>();
    for (var lb : g.all(LOAD_BALANCER)) {
      lbGroups.addAll(g.referenced(lb, LoadBalancer.SECURITY_GROUPS, SECURITY_GROUP));
    }
    var haveLoadBalancers = !g.all(LOAD_BALANCER).isEmpty();
    var violations = new ArrayList<Ingress>();
    var notes = new ArrayList<String>();
    for (var i : ingressPermissions(g)) {
      if (!i.open()) {
        continue;
      }
      var webPort =
          !i.allPorts()
              && i.fromPort() == i.toPort()
              && (i.fromPort() == 80 || i.fromPort() == 443)
              && "tcp".equals(i.protocol());
      var ofLoadBalancer = i.group().map(lbGroups::contains).orElse(false);
      if (!webPort || (haveLoadBalancers && !ofLoadBalancer)) {
        violations.add(i);
      } else if (!haveLoadBalancers) {
        notes.add(i.declaredBy().name());
      }
    }
    var reason =
        "unrestricted ingress only on 80/443 of the load balancer's group; everything else from"
            + " referenced groups";
    if (!notes.isEmpty()) {
      reason +=
          " (no load balancer in the graph yet to tie " + notes.size() + " web-port rules to)";
    }
    if (!violations.isEmpty()) {
      var finding = ingressFinding(g, violations, reason);
      return Finding.fail(
          finding.resources(),
          finding.reason() + " (only TCP 80/443 on a load balancer's group may be open)");
    }
    return ingressFinding(g, violations, reason);
  }

  private static Finding ec2_19NoOpenHighRiskPorts(StackGraph g) {
    var violations =
        ingressPermissions(g).stream()
            .filter(Ingress::open)
            .filter(i -> Arrays.stream(HIGH_RISK_PORTS).anyMatch(i::covers))
            .toList();
    return ingressFinding(g, violations, "no high-risk port is open to the internet");
  }

  private static Finding openAdminPorts(StackGraph g, boolean ipv6) {
    var violations =
        ingressPermissions(g).stream()
            .filter(i -> ipv6 ? i.anyIpv6() : i.anyIpv4())
            .filter(i -> Arrays.stream(REMOTE_ADMIN_PORTS).anyMatch(i::covers))
            .toList();
    return ingressFinding(
        g, violations, "ports 22 and 3389 are not open to " + (ipv6 ? ANY_IPV6 : ANY_IPV4));
  }
}
