package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.LOAD_BALANCER;
import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;
import static dev.knowledgecard.infra.report.policy.Checks.bool;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.Listener;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.graph.aws.Subnet;
import dev.knowledgecard.infra.report.policy.Checks.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Application load balancers and their listeners (ELB.*). */
final class LoadBalancerRules {
  private static final Set<String> LB_TLS_POLICIES =
      Set.of(
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10",
          "ELBSecurityPolicy-FS-1-2-Res-2019-08");

  static final List<Rule> ALL =
      List.of(
          new Rule("ELB.1", LoadBalancerRules::elb1HttpRedirects),
          new Rule(
              "ELB.4",
              g ->
                  eachAlb(
                      g,
                      "drops invalid header fields",
                      lb -> isTrue(lb, LoadBalancer.DROP_INVALID_HEADER_FIELDS, false))),
          new Rule(
              "ELB.5", g -> eachAlb(g, "writes access logs to a bucket", LoadBalancerRules::elb5)),
          new Rule(
              "ELB.6",
              g ->
                  eachAlb(
                      g,
                      "has deletion protection",
                      r -> isTrue(r, LoadBalancer.ENABLE_DELETION_PROTECTION, false))),
          new Rule(
              "ELB.12", g -> eachAlb(g, "mitigates desync defensively", LoadBalancerRules::elb12)),
          new Rule("ELB.13", g -> eachAlb(g, "spans at least two AZs", lb -> elb13(g, lb))),
          new Rule("ELB.17", LoadBalancerRules::elb17TlsPolicy),
          new Rule("ELB.18", LoadBalancerRules::elb18AllListenersTls));

  private LoadBalancerRules() {}

  private static List<GraphResource> albs(StackGraph g) {
    return g.all(LOAD_BALANCER).stream()
        .filter(
            lb ->
                "application".equals(LoadBalancer.LOAD_BALANCER_TYPE.of(lb).asText("application")))
        .toList();
  }

  private static Finding eachAlb(StackGraph g, String passReason, Check check) {
    return each(albs(g), "application load balancer", passReason, check);
  }

  private static Optional<String> elb5(GraphResource lb) {
    if (!bool(LoadBalancer.ACCESS_LOGS_ENABLED.of(lb), false)) {
      return Optional.of("accessLogs.enabled is not true");
    }
    return LoadBalancer.ACCESS_LOGS_BUCKET.of(lb).asText("").isEmpty()
        ? Optional.of("accessLogs.bucket is unset")
        : Optional.empty();
  }

  private static Optional<String> elb12(GraphResource lb) {
    // AWS's default mode is "defensive".
    var mode = LoadBalancer.DESYNC_MITIGATION_MODE.of(lb).asText("defensive");
    return "defensive".equals(mode) || "strictest".equals(mode)
        ? Optional.empty()
        : Optional.of("desyncMitigationMode is " + mode);
  }

  private static Optional<String> elb13(StackGraph g, GraphResource lb) {
    var subnets = new ArrayList<>(g.referenced(lb, LoadBalancer.SUBNETS, SUBNET));
    for (var mapping : LoadBalancer.SUBNET_MAPPINGS.of(lb)) {
      var subnetId = LoadBalancer.SUBNET_MAPPINGS_SUBNET_ID.in(mapping).asText("");
      subnets.addAll(
          g.all(SUBNET).stream()
              .filter(s -> StackGraph.identifiers(s).contains(subnetId))
              .toList());
    }
    var zones =
        subnets.stream()
            .map(s -> Subnet.AVAILABILITY_ZONE.of(s).asText(""))
            .collect(Collectors.toCollection(TreeSet::new));
    return zones.size() >= 2
        ? Optional.empty()
        : Optional.of("its subnets span " + zones.size() + " AZ(s) " + zones);
  }

  private static List<GraphResource> listeners(StackGraph g) {
    var out = new ArrayList<GraphResource>();
    for (var lb : albs(g)) {
      out.addAll(g.referencing(lb, Listener.LOAD_BALANCER_ARN));
    }
    return out;
  }

  private static String protocol(GraphResource listener) {
    return Listener.PROTOCOL
        .of(listener)
        .asText(Listener.CERTIFICATE_ARN.of(listener).isTextual() ? "HTTPS" : "HTTP");
  }

  private static Finding elb1HttpRedirects(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    var http = listeners(g).stream().filter(l -> "HTTP".equals(protocol(l))).toList();
    if (http.isEmpty()) {
      return Finding.pass(
          listeners(g).stream().map(GraphResource::name).toList(), "no plain-HTTP listener");
    }
    return each(
        http,
        "HTTP listener",
        "redirects to HTTPS",
        l -> {
          for (var action : Listener.DEFAULT_ACTIONS.of(l)) {
            if ("redirect".equals(Listener.ACTION_TYPE.in(action).asText(""))
                && "HTTPS".equals(Listener.ACTION_REDIRECT_PROTOCOL.in(action).asText(""))) {
              return Optional.empty();
            }
          }
          return Optional.of("its default action does not redirect to HTTPS");
        });
  }

  private static Finding elb17TlsPolicy(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    var tls =
        listeners(g).stream()
            .filter(l -> "HTTPS".equals(protocol(l)) || "TLS".equals(protocol(l)))
            .toList();
    return each(
        tls,
        "HTTPS listener",
        "uses an allowed TLS policy",
        l -> {
          var policy =
              Listener.SSL_POLICY.of(l).asText("unset (AWS default ELBSecurityPolicy-2016-08)");
          return LB_TLS_POLICIES.contains(policy)
              ? Optional.empty()
              : Optional.of("sslPolicy " + policy + " is not on the allowed list");
        });
  }

  private static Finding elb18AllListenersTls(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    return each(
        listeners(g),
        "listener",
        "uses HTTPS or TLS",
        l -> {
          var p = protocol(l);
          return "HTTPS".equals(p) || "TLS".equals(p)
              ? Optional.empty()
              : Optional.of("protocol " + p + (p.equals("HTTP") ? " (the redirect listener)" : ""));
        });
  }
}
