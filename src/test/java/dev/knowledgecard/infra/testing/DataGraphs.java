package dev.knowledgecard.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.synth.OfflineEngine;
import java.util.ArrayList;
import java.util.List;

/** Small lookups the data-tier tests share. */
public final class DataGraphs {
  private DataGraphs() {}

  /** The only resource of a type; fails naming the type and what was found. */
  public static GraphResource only(ResourceGraph graph, String type) {
    var found = graph.ofType(type);
    assertEquals(1, found.size(), "expected exactly one " + type + ", found " + names(found));
    return found.get(0);
  }

  /** The resource of a type whose logical name ends with {@code suffix}. */
  public static GraphResource endingWith(ResourceGraph graph, String type, String suffix) {
    var found = graph.ofType(type).stream().filter(r -> r.name().endsWith(suffix)).toList();
    assertEquals(
        1,
        found.size(),
        "expected one " + type + " named *" + suffix + ", have " + names(graph.ofType(type)));
    return found.get(0);
  }

  /** A JSON array of strings as a list. */
  public static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The id of the resource of a type whose logical name ends with {@code suffix}. */
  public static String idOf(ResourceGraph graph, String type, String suffix) {
    return endingWith(graph, type, suffix).id();
  }

  /**
   * Asserts the security group named {@code *<groupSuffix>} admits only the app group (and the
   * groups named {@code *<alsoFrom>}), each of them, and only on {@code port}; returns its id.
   */
  public static String assertOnlyAppGroupReaches(
      ResourceGraph graph, String groupSuffix, int port, String... alsoFrom) {
    var target = endingWith(graph, "aws:ec2/securityGroup:SecurityGroup", groupSuffix);
    var sources = new java.util.TreeSet<String>();
    sources.add(endingWith(graph, "aws:ec2/securityGroup:SecurityGroup", "-sg-app").id());
    for (var suffix : alsoFrom) {
      sources.add(endingWith(graph, "aws:ec2/securityGroup:SecurityGroup", suffix).id());
    }
    var ingress =
        graph.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
            .filter(r -> r.prop("securityGroupId").asText().equals(target.id()))
            .toList();
    var admitted = new java.util.TreeSet<String>();
    for (var rule : ingress) {
      admitted.add(rule.prop("referencedSecurityGroupId").asText());
      assertEquals(port, rule.prop("fromPort").asInt(), rule.name() + " from port");
      assertEquals(port, rule.prop("toPort").asInt(), rule.name() + " to port");
    }
    assertEquals(sources, admitted, target.name() + " admits exactly these groups");
    return target.id();
  }

  /** The stack's exported data subnet ids. */
  public static List<String> dataSubnetIds(OfflineEngine.Result result) {
    return strings(new ObjectMapper().valueToTree(result.outputs().get("dataSubnetIds")));
  }

  private static List<String> names(List<GraphResource> resources) {
    return resources.stream().map(GraphResource::name).toList();
  }
}
