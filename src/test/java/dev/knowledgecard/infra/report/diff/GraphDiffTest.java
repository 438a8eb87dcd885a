package dev.knowledgecard.infra.report.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.AwsTypes;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.report.CompliantGraphs;
import dev.knowledgecard.infra.testing.StackFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GraphDiffTest {

  @Test
  @DisplayName("the diff finds an added resource, a removed one and a changed property")
  void findsAddedRemovedAndChanged() {
    var base = CompliantGraphs.build().build();
    var head =
        CompliantGraphs.build()
            .add(
                AwsTypes.METRIC_ALARM,
                "prod-observability-5xx",
                "prod-observability",
                "{alarmActions: ['arn:topic']}",
                "alarm-5xx")
            .remove("prod-network-ec2-endpoint")
            .set("prod-data-db", "instanceClass", "'db.t4g.small'")
            .build();
    var diff = GraphDiff.between(base, head);
    assertEquals(
        java.util.List.of(
            new GraphDiff.ResourceKey(AwsTypes.METRIC_ALARM, "{stack}-observability-5xx")),
        diff.added());
    assertEquals(
        java.util.List.of(
            new GraphDiff.ResourceKey(AwsTypes.VPC_ENDPOINT, "{stack}-network-ec2-endpoint")),
        diff.removed());
    assertEquals(1, diff.changed().size(), "changed: " + diff.changed());
    var change = diff.changed().get(0);
    assertEquals("{stack}-data-db", change.resource().name());
    assertEquals(
        java.util.List.of(
            new GraphDiff.PropertyChange("instanceClass", "db.t4g.micro", "db.t4g.small")),
        change.properties());
  }

  @Test
  @DisplayName("the Markdown diff states the cost delta of the change")
  void markdownStatesCostDelta() {
    var base = CompliantGraphs.build().build();
    var head =
        CompliantGraphs.build().set("prod-data-db", "instanceClass", "'db.t4g.small'").build();
    var markdown = DiffReport.render("base.json", base, "head.json", head);
    // Multi-AZ db.t4g.small 0.064/h vs db.t4g.micro 0.032/h: +0.032 x 730 = +23.36
    assertTrue(markdown.contains("**+$23.36**/month"), markdown);
    assertTrue(markdown.contains("`instanceClass`: `db.t4g.micro` -> `db.t4g.small`"), markdown);
  }

  @Test
  @DisplayName("a diff of staging against prod compares configuration, not generated ids")
  void crossStackDiffIgnoresIdChurn() {
    var staging = StackFixture.committedStack("staging").graph();
    var prod = StackFixture.committedStack("prod").graph();
    var diff = GraphDiff.between(staging, prod);
    var vpc =
        diff.changed().stream()
            .filter(c -> c.resource().name().equals("{stack}-network-vpc"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        vpc.properties().stream().anyMatch(p -> p.path().equals("cidrBlock")), vpc.toString());
    var subnetA =
        diff.changed().stream()
            .filter(c -> c.resource().name().equals("{stack}-network-app-a"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        subnetA.properties().stream().noneMatch(p -> p.path().equals("vpcId")),
        "vpcId is the same reference: " + subnetA);
    assertTrue(
        diff.added().stream().anyMatch(k -> k.name().equals("{stack}-network-nat-asg-c")),
        "prod adds the third NAT");
  }

  @Test
  @DisplayName("a graph diffed with itself (after a write/read round trip) is empty")
  void identicalGraphsHaveNoDiff() throws Exception {
    var graph = StackFixture.committedStack("staging");
    var file = java.nio.file.Files.createTempFile("staging", ".json");
    GraphJson.write(file, graph.graph(), graph.outputs());
    var diff = GraphDiff.between(graph.graph(), GraphJson.read(file));
    java.nio.file.Files.delete(file);
    assertTrue(diff.isEmpty(), diff.toString());
  }
}
