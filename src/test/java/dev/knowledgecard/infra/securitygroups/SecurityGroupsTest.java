package dev.knowledgecard.infra.securitygroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security-group rules of DO-13: least privilege between tiers, nothing else in either
 * direction.
 */
class SecurityGroupsTest {
  private static final String GROUP = "aws:ec2/securityGroup:SecurityGroup";
  private static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
  private static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

  /** A rule reduced to what matters: direction, port, and the peer (a group's role or a CIDR). */
  record Rule(String direction, int port, String peer) {}

  private static ResourceGraph graph(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  private static String role(ResourceGraph g, String groupId) {
    var group = g.byId(groupId).orElseThrow(() -> new AssertionError("no group " + groupId));
    var name = group.name();
    return name.substring(name.lastIndexOf('-') + 1);
  }

  private static Set<Rule> rules(ResourceGraph g, String stack, String groupRole) {
    return rules(g, stack + "-sg-" + groupRole);
  }

  private static Set<Rule> rules(ResourceGraph g, String groupName) {
    var groupId = g.named(GROUP, groupName).id();
    return java.util.stream.Stream.concat(
            g.ofType(INGRESS).stream().map(r -> rule(g, "in", r, groupId)),
            g.ofType(EGRESS).stream().map(r -> rule(g, "out", r, groupId)))
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private static Rule rule(ResourceGraph g, String direction, GraphResource r, String groupId) {
    if (!r.prop("securityGroupId").asText().equals(groupId)) {
      return null;
    }
    assertEquals("tcp", r.prop("ipProtocol").asText(), r.name());
    assertEquals(
        r.prop("fromPort").asInt(), r.prop("toPort").asInt(), r.name() + " opens a port range");
    var peer =
        r.prop("referencedSecurityGroupId").isMissingNode()
            ? r.prop("cidrIpv4").asText(r.prop("cidrIpv6").asText())
            : role(g, r.prop("referencedSecurityGroupId").asText());
    return new Rule(direction, r.prop("fromPort").asInt(), peer);
  }

  private static final String IPV4_INTERNET = "0.0.0.0/0";
  private static final String IPV6_INTERNET = "::/0";

  private static Rule in(int port, String peer) {
    return new Rule("in", port, peer);
  }

  private static Rule out(int port, String peer) {
    return new Rule("out", port, peer);
  }

  @ParameterizedTest(name = "{0}: every group has exactly its tier's rules, nothing else")
  @ValueSource(strings = {"staging", "prod"})
  void everyGroupHasExactlyItsTiersRules(String stack) {
    var expected =
        Map.of(
            // The load balancer takes 80/443 from the internet and talks only to the app port.
            "alb",
            Set.of(
                in(80, IPV4_INTERNET),
                in(80, IPV6_INTERNET),
                in(443, IPV4_INTERNET),
                in(443, IPV6_INTERNET),
                out(3000, "app")),
            // App tasks take the app port from the load balancer only.
            "app",
            Set.of(in(3000, "alb"), out(5433, "db"), out(6379, "cache"), out(443, IPV4_INTERNET)),
            // The database is reachable from app tasks and the rotation function only, the cache
            // from app tasks only; both reach nothing.
            "db",
            Set.of(in(5433, "app"), in(5433, "rotation")),
            "cache",
            Set.of(in(6379, "app")),
            // The rotation function reaches the database port and HTTPS; nothing reaches it.
            "rotation",
            Set.of(out(5433, "db"), out(443, IPV4_INTERNET)));
    var g = graph(stack);
    var groups =
        g.ofType(GROUP).stream()
            .map(GraphResource::name)
            .filter(name -> name.startsWith(stack + "-sg-"))
            .map(name -> name.substring((stack + "-sg-").length()))
            .collect(Collectors.toSet());
    assertEquals(expected.keySet(), groups, "the stack's groups");
    expected.forEach((role, rules) -> assertEquals(rules, rules(g, stack, role), role + " rules"));
  }

  @ParameterizedTest(
      name = "{0}: rules are standalone resources with descriptions; groups have no inline rules")
  @ValueSource(strings = {"staging", "prod"})
  void rulesAreStandaloneAndDescribed(String stack) {
    var g = graph(stack);
    for (var group : g.ofType(GROUP)) {
      assertTrue(
          group.prop("ingress").isMissingNode() || group.prop("ingress").isEmpty(), group.name());
      assertTrue(
          group.prop("egress").isMissingNode() || group.prop("egress").isEmpty(), group.name());
      assertFalse(group.prop("description").asText().isBlank(), group.name());
    }
    for (var rule : concat(g.ofType(INGRESS), g.ofType(EGRESS))) {
      assertFalse(rule.prop("description").asText().isBlank(), rule.name() + " has no description");
    }
  }

  @ParameterizedTest(
      name = "{0}: only the load balancer's 80 and 443 are open to the internet (EC2.18/19/53/54)")
  @ValueSource(strings = {"staging", "prod"})
  void internetIngressOnlyOnLoadBalancerWebPorts(String stack) {
    var g = graph(stack);
    for (var rule : g.ofType(INGRESS)) {
      var cidr = rule.prop("cidrIpv4").asText(rule.prop("cidrIpv6").asText(""));
      if (cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) {
        assertEquals("alb", role(g, rule.prop("securityGroupId").asText()), rule.name());
        assertTrue(List.of(80, 443).contains(rule.prop("fromPort").asInt()), rule.name());
      }
    }
  }

  @Test
  @DisplayName("the groups start closed: no rule exists until an owner opens its port")
  void groupsStartClosed() {
    var g =
        StackFixture.runComponent(
                StackFixture.stackFile("staging"), ctx -> ComponentInputs.groups())
            .graph();
    assertEquals(5, g.ofType(GROUP).size());
    assertEquals(List.of(), concat(g.ofType(INGRESS), g.ofType(EGRESS)));
  }

  @Test
  @DisplayName(
      "allowing a peer opens the owner's default port both ways between exactly the two groups,"
          + " rules held by the groups' component")
  void allowingAPeerOpensBothEnds() {
    var g =
        StackFixture.runComponent(
                StackFixture.stackFile("staging"),
                ctx -> {
                  var groups = ComponentInputs.groups();
                  groups.database().allowDefaultPortFrom(groups.app(), "PostgreSQL");
                })
            .graph();
    assertEquals(Set.of(in(5433, "app")), rules(g, "sg-db"));
    assertEquals(Set.of(out(5433, "db")), rules(g, "sg-app"));
    var ingress = g.named(INGRESS, "sg-db-from-app");
    assertEquals("PostgreSQL from application tasks", ingress.prop("description").asText());
    assertEquals("PostgreSQL", g.named(EGRESS, "sg-app-to-db").prop("description").asText());
    var owner = g.named(SecurityGroups.TYPE, "sg");
    assertEquals(
        Set.of("sg-db-from-app", "sg-app-to-db"),
        g.childrenOf(owner).stream()
            .filter(r -> !r.type().equals(GROUP))
            .map(GraphResource::name)
            .collect(Collectors.toSet()));
  }

  private static List<GraphResource> concat(List<GraphResource> a, List<GraphResource> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
