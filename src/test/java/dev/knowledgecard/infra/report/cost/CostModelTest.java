package dev.knowledgecard.infra.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.AwsTypes;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.CompliantGraphs;
import dev.knowledgecard.infra.report.TestGraph;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CostModelTest {

  private static CostEstimate estimate(TestGraph graph) {
    return CostModel.estimate(new StackGraph(graph.build()));
  }

  private static BigDecimal line(CostEstimate cost, String resource, String itemStart) {
    return cost.lines().stream()
        .filter(l -> l.resource().equals(resource) && l.item().startsWith(itemStart))
        .map(CostLine::monthly)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  @DisplayName("the total equals the sum of the lines, and of the component subtotals")
  void totalEqualsSumOfLines() {
    var cost = estimate(CompliantGraphs.build());
    var sum = cost.lines().stream().map(CostLine::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(0, sum.compareTo(cost.total()));
    var components = cost.byComponent().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(0, components.compareTo(cost.total()));
    assertTrue(cost.total().signum() > 0);
  }

  @Test
  @DisplayName(
      "lines follow the price table: NAT hours, Multi-AZ RDS, ARM64 Fargate tasks, endpoint AZs")
  void linesFollowThePriceTable() {
    var cost = estimate(CompliantGraphs.build());
    assertEquals(new BigDecimal("32.85"), line(cost, "prod-network-nat-a", "NAT gateway hours"));
    assertEquals(new BigDecimal("23.36"), line(cost, "prod-data-db", "db.t4g.micro Multi-AZ"));
    // 20 GB gp3, Multi-AZ bills both copies: 40 GB x 0.115
    assertEquals(new BigDecimal("4.60"), line(cost, "prod-data-db", "gp3 storage"));
    assertEquals(new BigDecimal("0.40"), line(cost, "prod-data-db", "RDS-managed master secret"));
    // 2 tasks x 0.5 vCPU x 730 h x 0.03238, 2 x 1 GB x 730 x 0.00356
    assertEquals(new BigDecimal("23.64"), line(cost, "prod-platform-service", "Fargate vCPU"));
    assertEquals(new BigDecimal("5.20"), line(cost, "prod-platform-service", "Fargate GB"));
    assertEquals(
        new BigDecimal("14.60"),
        line(cost, "prod-network-ec2-endpoint", "interface endpoint AZ-hours"));
    assertEquals(new BigDecimal("23.36"), line(cost, "prod-data-cache", "redis cache.t4g.micro"));
    assertEquals(
        new BigDecimal("0.00"), line(cost, "prod-network-s3-endpoint", "gateway endpoint"));
  }

  @Test
  @DisplayName("an instance class without a price is reported unknown and left out of the total")
  void unknownInstanceClassIsUnknown() {
    var priced = estimate(CompliantGraphs.build());
    var cost =
        estimate(CompliantGraphs.build().set("prod-data-db", "instanceClass", "'db.r6g.large'"));
    assertTrue(
        cost.unknowns().stream()
            .anyMatch(
                u -> u.resource().equals("prod-data-db") && u.reason().contains("db.r6g.large")),
        "unknowns: " + cost.unknowns());
    assertEquals(0, line(cost, "prod-data-db", "db.").signum());
    assertEquals(0, priced.total().subtract(new BigDecimal("23.36")).compareTo(cost.total()));
  }

  @Test
  @DisplayName("a resource type without a price is unknown, never guessed")
  void unknownTypeIsUnknown() {
    var cost =
        estimate(
            CompliantGraphs.build()
                .add(
                    "aws:opensearch/domain:Domain",
                    "prod-observability-search",
                    "prod-observability",
                    "{}",
                    "search"));
    assertTrue(
        cost.unknowns().stream().anyMatch(u -> u.resource().equals("prod-observability-search")),
        "unknowns: " + cost.unknowns());
  }

  @Test
  @DisplayName("Valkey nodes are priced about 20% below Redis OSS nodes of the same type")
  void valkeyNodesArePricedAsValkey() {
    var cost = estimate(CompliantGraphs.build().set("prod-data-cache", "engine", "'valkey'"));
    // 2 nodes x 730 h x 0.0128
    assertEquals(new BigDecimal("18.69"), line(cost, "prod-data-cache", "valkey cache.t4g.micro"));
  }

  @Test
  @DisplayName(
      "a NAT instance group: first instance type's hours, its gp3 volume, a launch public IPv4")
  void autoScalingGroupsArePricedFromTheirLaunchTemplate() {
    var cost = estimate(CompliantGraphs.build());
    // 1 x 730 h x t4g.nano 0.0042; 8 GB x 0.08
    assertEquals(new BigDecimal("3.07"), line(cost, "prod-network-nat-asg", "t4g.nano"));
    assertEquals(new BigDecimal("0.64"), line(cost, "prod-network-nat-asg", "gp3 root volume"));
    assertEquals(0, line(cost, "prod-network-nat-asg", "public IPv4").signum());
    var withAddress =
        estimate(
            CompliantGraphs.build()
                .set(
                    "prod-network-nat-lt",
                    "networkInterfaces",
                    "[{deviceIndex: 0, associatePublicIpAddress: 'true'}]"));
    assertEquals(new BigDecimal("3.65"), line(withAddress, "prod-network-nat-asg", "public IPv4"));
  }

  @Test
  @DisplayName("free tiers are stated as free lines and charged once the account's allowance ends")
  void freeTiersAreStatedAndThenCharged() {
    var g = CompliantGraphs.build();
    for (int i = 1; i <= 4; i++) {
      g.add(
          AwsTypes.DASHBOARD, "prod-observability-dash-" + i, "prod-observability", "{}", "d" + i);
    }
    var cost = estimate(g);
    assertEquals(
        0,
        line(cost, "prod-observability-dash-3", "dashboard (one of the account's first 3")
            .signum());
    assertTrue(
        cost.lines().stream()
            .anyMatch(
                l -> l.resource().equals("prod-observability-dash-1") && l.item().contains("free")),
        "the free dashboard is listed, not dropped");
    assertEquals(new BigDecimal("3.00"), line(cost, "prod-observability-dash-4", "dashboard"));
    assertTrue(cost.unknowns().isEmpty(), "unknowns: " + cost.unknowns());
  }

  @Test
  @DisplayName(
      "SNS publishes and email deliveries, S3 requests and Lambda are priced with their free tiers")
  void usageBilledServicesGetLines() {
    var cost =
        estimate(
            CompliantGraphs.build()
                .add(
                    AwsTypes.SNS_SUBSCRIPTION,
                    "prod-observability-mail",
                    "prod-observability",
                    "{topic: 'arn:topic', protocol: 'email'}",
                    "sub-1")
                .add(
                    AwsTypes.LAMBDA_FUNCTION,
                    "prod-data-rotation",
                    "prod-data",
                    "{memorySize: 256, architectures: ['arm64']}",
                    "rotation"));
    var topic = items(cost, "prod-observability-topic");
    assertTrue(topic.contains("sns.freePublishes"), "topic lines: " + topic);
    assertTrue(topic.contains("sns.freeEmailDeliveries"), "topic lines: " + topic);
    // 100 invocations x 2 s x 0.25 GB = 50 GB-s and 100 requests: inside the free tier, stated.
    assertEquals(
        java.util.List.of("lambda.freeRequests", "lambda.freeGbSeconds"),
        items(cost, "prod-data-rotation"));
    assertEquals(0, line(cost, "prod-data-rotation", "").signum());
    // prod: 5 GB x 0.023; 10,000 PUT x 0.005/1,000; 50,000 GET x 0.0004/1,000
    assertEquals(new BigDecimal("0.12"), line(cost, "prod-data-media", "S3 Standard storage"));
    assertEquals(new BigDecimal("0.05"), line(cost, "prod-data-media", "PUT/LIST"));
    assertEquals(new BigDecimal("0.02"), line(cost, "prod-data-media", "GET"));
    assertTrue(cost.unknowns().isEmpty(), "unknowns: " + cost.unknowns());
  }

  private static java.util.List<String> items(CostEstimate cost, String resource) {
    return cost.lines().stream()
        .filter(l -> l.resource().equals(resource))
        .map(CostLine::priceId)
        .toList();
  }

  @Test
  @DisplayName("EventBridge rules on AWS service events are free; custom events are unknown")
  void eventRulesOnAwsEventsAreFree() {
    var cost =
        estimate(
            CompliantGraphs.build()
                .add(
                    AwsTypes.EVENT_RULE,
                    "prod-observability-ecs",
                    "prod-observability",
                    "{eventPattern: '{\"source\":[\"aws.ecs\"]}'}",
                    "rule-1")
                .add(
                    AwsTypes.EVENT_RULE,
                    "prod-observability-custom",
                    "prod-observability",
                    "{eventPattern: '{\"source\":[\"knowledge-card.app\"]}'}",
                    "rule-2"));
    assertTrue(
        cost.lines().stream()
            .anyMatch(
                l ->
                    l.resource().equals("prod-observability-ecs")
                        && l.priceId().equals("eventBridge.awsServiceEvents")));
    assertTrue(
        cost.unknowns().stream().anyMatch(u -> u.resource().equals("prod-observability-custom")),
        "unknowns: " + cost.unknowns());
  }

  @Test
  @DisplayName("a region without a price table makes every billed resource unknown")
  void unknownRegionIsUnknown() {
    var cost = estimate(CompliantGraphs.build().set("prod-aws", "region", "'eu-west-1'"));
    assertEquals(0, cost.total().signum());
    assertTrue(
        cost.unknowns().stream()
            .anyMatch(
                u ->
                    u.resource().equals("prod-network-nat-a") && u.reason().contains("eu-west-1")));
  }

  @Test
  @DisplayName("Fargate Spot is unknown (its price floats)")
  void fargateSpotIsUnknown() {
    var cost =
        estimate(
            CompliantGraphs.build()
                .set(
                    "prod-platform-service",
                    "capacityProviderStrategies",
                    "[{capacityProvider: 'FARGATE_SPOT', weight: 1}]"));
    assertTrue(
        cost.unknowns().stream().anyMatch(u -> u.resource().equals("prod-platform-service")));
  }

  @Test
  @DisplayName(
      "every type the report reads for cost is either priced or declared free in the table")
  void noChargeTypesAreNotUnknown() {
    var cost =
        estimate(
            new TestGraph("prod")
                .add("pulumi:providers:aws", "prod-aws", null, "{region: 'us-east-1'}", "p")
                .add(AwsTypes.VPC, "prod-vpc", null, "{}", "vpc-1"));
    assertTrue(cost.unknowns().isEmpty(), "a VPC is free: " + cost.unknowns());
  }
}
