package dev.knowledgecard.infra.report.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.CompliantGraphs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MermaidDiagramTest {

  @ParameterizedTest(name = "the {0} diagram mentions every subnet tier present in its graph")
  @ValueSource(strings = {"staging", "prod"})
  void diagramMentionsEveryTierOfTheRealStack(String stack) {
    var graph = new StackGraph(StackFixture.committedStack(stack).graph());
    var diagram = MermaidDiagram.render(graph);
    var tiers = MermaidDiagram.tiers(graph);
    assertEquals(
        Set.of(MermaidDiagram.Tier.values()), tiers, "the stack has public, app and data subnets");
    for (var tier : tiers) {
      assertTrue(
          diagram.contains(tier.label()), "diagram lacks the " + tier + " tier:\n" + diagram);
    }
    for (var zone :
        graph.all("aws:ec2/subnet:Subnet").stream()
            .map(s -> s.prop("availabilityZone").asText())
            .distinct()
            .toList()) {
      assertTrue(diagram.contains(zone), "diagram lacks AZ " + zone);
    }
    var nats = graph.all("aws:ec2/natGateway:NatGateway").size();
    assertEquals(
        nats, diagram.split("NAT gateway us-east-1", -1).length - 1, "one node per NAT gateway");
  }

  @Test
  @DisplayName(
      "the diagram draws internet -> ALB -> ECS tasks -> RDS / Redis / S3, NATs and endpoints")
  void diagramDrawsTheWholeRequestPath() {
    var diagram = MermaidDiagram.render(new StackGraph(CompliantGraphs.build().build()));
    for (var expected :
        new String[] {
          "internet((Internet))",
          "Application Load Balancer prod-platform-alb",
          "ECS Fargate service prod-platform-service",
          "RDS postgres 16.4 db.t4g.micro Multi-AZ",
          "ElastiCache Redis cache.t4g.micro x 2",
          "S3 bucket prod-data-media",
          "NAT gateway us-east-1a",
          "ec2 interface endpoint x 2 AZs",
          "s3 gateway endpoint (free)",
          "internet -->|HTTPS 443, HTTP 80 redirect| r_prod_platform_alb",
          "r_prod_platform_alb -.->|access logs| r_prod_platform_alb_logs",
          "r_prod_platform_alb -->|app port| r_prod_platform_service",
          "r_prod_platform_service -->|PostgreSQL TLS| r_prod_data_db",
          "r_prod_platform_service -->|Redis TLS| r_prod_data_cache",
          "r_prod_platform_service --> r_prod_network_s3_endpoint --> r_prod_data_media"
        }) {
      assertTrue(diagram.contains(expected), "diagram lacks `" + expected + "`:\n" + diagram);
    }
    assertTrue(
        !diagram.contains("r_prod_network_s3_endpoint --> r_prod_platform_alb_logs"),
        "tasks do not write the access-log bucket:\n" + diagram);
  }
}
