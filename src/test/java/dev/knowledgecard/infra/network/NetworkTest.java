package dev.knowledgecard.infra.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.ConfigSource;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {
  private static final String SUBNET = "aws:ec2/subnet:Subnet";
  private static final String ROUTE = "aws:ec2/route:Route";
  private static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
  private static final String ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
  private static final String NAT = "aws:ec2/natGateway:NatGateway";
  private static final String ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
  private static final String ENI = "aws:ec2/networkInterface:NetworkInterface";
  private static final String ASG = "aws:autoscaling/group:Group";
  private static final String TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

  private static ResourceGraph graph(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  @ParameterizedTest(name = "{0}: VPC has DNS support and hostnames")
  @ValueSource(strings = {"staging", "prod"})
  void vpcHasDns(String stack) {
    var vpc = graph(stack).ofType("aws:ec2/vpc:Vpc");
    assertEquals(1, vpc.size());
    assertTrue(vpc.get(0).prop("enableDnsSupport").asBoolean());
    assertTrue(vpc.get(0).prop("enableDnsHostnames").asBoolean());
  }

  @ParameterizedTest(
      name = "{0}: public, app and data subnets in every AZ, none auto-assigns public IPs")
  @ValueSource(strings = {"staging", "prod"})
  void subnetsInEveryZoneWithoutPublicIps(String stack) {
    var g = graph(stack);
    var zones = StackFixture.committedStack(stack).outputs().get("availabilityZones");
    @SuppressWarnings("unchecked")
    var zoneList = (List<String>) zones;
    assertEquals(stack.equals("prod") ? 3 : 2, zoneList.size(), "AZ count");
    for (var tier : List.of("public", "app", "data")) {
      var inTier =
          g.ofType(SUBNET).stream().filter(s -> s.prop("tags.Tier").asText().equals(tier)).toList();
      assertEquals(
          Set.copyOf(zoneList),
          inTier.stream().map(s -> s.prop("availabilityZone").asText()).collect(Collectors.toSet()),
          tier + " subnets cover every AZ");
    }
    for (var subnet : g.ofType(SUBNET)) {
      assertFalse(
          subnet.prop("mapPublicIpOnLaunch").asBoolean(true), subnet.name() + " maps public IPs");
    }
  }

  @ParameterizedTest(name = "{0}: subnets do not overlap and lie inside the VPC block")
  @ValueSource(strings = {"staging", "prod"})
  void subnetsFitTheVpc(String stack) {
    var g = graph(stack);
    var vpc =
        dev.knowledgecard.infra.config.Ipv4Cidr.parse(
                g.ofType("aws:ec2/vpc:Vpc").get(0).prop("cidrBlock").asText())
            .orElseThrow();
    var blocks =
        g.ofType(SUBNET).stream()
            .map(
                s ->
                    dev.knowledgecard.infra.config.Ipv4Cidr.parse(s.prop("cidrBlock").asText())
                        .orElseThrow())
            .sorted(
                java.util.Comparator.comparingLong(dev.knowledgecard.infra.config.Ipv4Cidr::base))
            .toList();
    for (int i = 0; i < blocks.size(); i++) {
      assertTrue(
          blocks.get(i).base() >= vpc.base() && blocks.get(i).end() <= vpc.end(),
          blocks.get(i) + " outside " + vpc);
      if (i > 0) {
        assertTrue(
            blocks.get(i).base() >= blocks.get(i - 1).end(),
            blocks.get(i - 1) + " overlaps " + blocks.get(i));
      }
    }
  }

  private static ResourceGraph withNat(String stack, String strategy) {
    var result =
        StackFixture.run(
            StackFixture.withConfig(stack, Map.of("knowledge-card:natStrategy", strategy)));
    assertTrue(result.succeeded(), () -> result.failures().toString());
    return result.graph();
  }

  @Test
  void singleGatewayIsSharedByEveryZone() {
    var g = withNat("staging", "single");
    assertEquals(1, g.ofType(NAT).size());
    var nat = g.ofType(NAT).get(0);
    for (var table : appRouteTables(g)) {
      assertEquals(
          nat.id(),
          defaultRoute(g, table).prop("natGatewayId").asText(),
          table.name() + " default route");
    }
  }

  @Test
  void perAzGatewaysServeTheirOwnZone() {
    var g = withNat("prod", "perAz");
    assertEquals(3, g.ofType(NAT).size());
    assertRoutesStayInZone(g, NAT, "natGatewayId");
  }

  @Test
  void stagingSharesOneNatInstance() {
    var g = graph("staging");
    assertEquals(0, g.ofType(NAT).size());
    assertEquals(1, g.ofType(ENI).size());
    assertEquals(1, g.ofType(ASG).size());
    var eni = g.ofType(ENI).get(0);
    for (var table : appRouteTables(g)) {
      assertEquals(
          eni.id(),
          defaultRoute(g, table).prop("networkInterfaceId").asText(),
          table.name() + " default route");
    }
  }

  @Test
  void prodRoutesEachAzThroughItsOwnNatInstance() {
    var g = graph("prod");
    assertEquals(0, g.ofType(NAT).size());
    assertEquals(3, g.ofType(ENI).size());
    assertRoutesStayInZone(g, ENI, "networkInterfaceId");
    // Each zone's group launches into that zone's public subnet, next to its interface.
    for (var asg : g.ofType(ASG)) {
      var zone = asg.name().substring(asg.name().lastIndexOf('-') + 1);
      var eni = g.named(ENI, "prod-network-nat-eni-" + zone);
      assertEquals(
          List.of(eni.prop("subnetId").asText()),
          texts(asg.prop("vpcZoneIdentifiers")),
          asg.name() + " launches next to its interface");
      assertEquals(1, asg.prop("minSize").asInt());
      assertEquals(1, asg.prop("maxSize").asInt());
    }
  }

  private static void assertRoutesStayInZone(ResourceGraph g, String natType, String routeKey) {
    var natZone =
        g.ofType(natType).stream()
            .collect(
                Collectors.toMap(
                    GraphResource::id, n -> zoneOfSubnet(g, n.prop("subnetId").asText())));
    for (var table : appRouteTables(g)) {
      var natId = defaultRoute(g, table).prop(routeKey).asText();
      var tableZones =
          associatedSubnets(g, table).stream()
              .map(s -> s.prop("availabilityZone").asText())
              .toList();
      assertEquals(
          List.of(natZone.get(natId)), tableZones, table.name() + " uses another AZ's NAT");
    }
  }

  @ParameterizedTest(name = "{0}: the static NAT interface forwards and carries a fixed Elastic IP")
  @ValueSource(strings = {"staging", "prod"})
  void natInterfacesForwardWithFixedElasticIps(String stack) {
    var g = graph(stack);
    for (var eni : g.ofType(ENI)) {
      var subnet = g.byId(eni.prop("subnetId").asText()).orElseThrow();
      assertEquals("public", subnet.prop("tags.Tier").asText(), eni.name());
      assertFalse(eni.prop("sourceDestCheck").asBoolean(true), eni.name() + " source/dest check");
      var eips =
          g.ofType("aws:ec2/eip:Eip").stream()
              .filter(e -> e.prop("networkInterface").asText().equals(eni.id()))
              .toList();
      assertEquals(1, eips.size(), eni.name() + " Elastic IP");
    }
  }

  @ParameterizedTest(
      name = "{0}: NAT launch templates: AL2023 ARM64 from SSM, IMDSv2, encrypted gp3, no key")
  @ValueSource(strings = {"staging", "prod"})
  void natLaunchTemplatesAreHardened(String stack) {
    var g = graph(stack);
    assertFalse(g.ofType(TEMPLATE).isEmpty());
    for (var lt : g.ofType(TEMPLATE)) {
      assertEquals(
          "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
          lt.prop("imageId").asText());
      assertEquals("required", lt.prop("metadataOptions.httpTokens").asText());
      assertEquals(1, lt.prop("metadataOptions.httpPutResponseHopLimit").asInt());
      var ebs = lt.prop("blockDeviceMappings").get(0).path("ebs");
      assertEquals("true", ebs.path("encrypted").asText());
      assertEquals("gp3", ebs.path("volumeType").asText());
      assertTrue(lt.prop("keyName").isMissingNode(), lt.name() + " has a key pair");
      assertEquals(
          NatInstances.startUpScript(),
          new String(
              java.util.Base64.getDecoder().decode(lt.prop("userData").asText()),
              java.nio.charset.StandardCharsets.UTF_8),
          "user data is the tested start-up script");
      // Only without an EC2 endpoint does the primary interface need a public address.
      assertEquals(
          stack.equals("staging") ? "true" : "false",
          lt.prop("networkInterfaces").get(0).path("associatePublicIpAddress").asText());
    }
  }

  @Test
  void natGroupsMixTwoInstanceTypesFromTheirTemplate() {
    var g = graph("prod");
    for (var asg : g.ofType(ASG)) {
      var lt = asg.prop("mixedInstancesPolicy.launchTemplate");
      assertTrue(
          g.byId(lt.path("launchTemplateSpecification").path("launchTemplateId").asText())
              .orElseThrow()
              .is(TEMPLATE));
      assertEquals(
          List.of("t4g.nano", "t4g.micro"),
          StreamSupport.stream(lt.path("overrides").spliterator(), false)
              .map(o -> o.path("instanceType").asText())
              .toList());
    }
  }

  @Test
  void natSecurityGroupAdmitsOnlyTheAppSubnets() {
    var g = graph("prod");
    var sg = g.named("aws:ec2/securityGroup:SecurityGroup", "prod-network-nat-sg");
    var sources =
        g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
            .filter(r -> r.prop("securityGroupId").asText().equals(sg.id()))
            .map(r -> r.prop("cidrIpv4").asText())
            .collect(Collectors.toSet());
    var appCidrs =
        g.ofType(SUBNET).stream()
            .filter(s -> s.prop("tags.Tier").asText().equals("app"))
            .map(s -> s.prop("cidrBlock").asText())
            .collect(Collectors.toSet());
    assertEquals(appCidrs, sources);
  }

  @Test
  void natRoleMayAttachOnlyItsZonesInterface() {
    var g = graph("prod");
    var policy = g.named("aws:iam/rolePolicy:RolePolicy", "prod-network-nat-b-attach-interface");
    var eni = g.named(ENI, "prod-network-nat-eni-b");
    var statements =
        dev.knowledgecard.infra.testing.Policies.everywhere(g).stream()
            .filter(f -> f.resource().name().equals(policy.name()))
            .findFirst()
            .orElseThrow()
            .statements();
    var resources =
        dev.knowledgecard.infra.graph.StackGraph.texts(statements.get(0).path("Resource"));
    assertEquals(1, resources.size(), "one interface: " + resources);
    assertTrue(
        resources
            .iterator()
            .next()
            .matches("arn:aws:ec2:us-east-1:\\d{12}:network-interface/" + eni.id()),
        "this zone's interface: " + resources);
    var account = resources.iterator().next().split(":")[4];
    assertEquals(
        Set.of("arn:aws:ec2:us-east-1:" + account + ":instance/*"),
        dev.knowledgecard.infra.graph.StackGraph.texts(statements.get(1).path("Resource")),
        "instances of the stack's own account only");
    assertEquals(
        Set.of(eni.id()),
        dev.knowledgecard.infra.graph.StackGraph.texts(
            statements
                .get(1)
                .path("Condition")
                .path("StringEquals")
                .path("aws:ResourceTag/NatInterfaceId")));
    var attachments =
        g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
            .filter(a -> a.name().equals("prod-network-nat-b-ssm"))
            .toList();
    assertEquals(
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        attachments.get(0).prop("policyArn").asText());
  }

  private static List<String> texts(JsonNode node) {
    return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
  }

  @ParameterizedTest(name = "{0}: NAT gateways sit in public subnets with Elastic IPs")
  @ValueSource(strings = {"staging", "prod"})
  void natGatewaysArePublicWithElasticIps(String stack) {
    var g = graph(stack);
    for (var nat : g.ofType(NAT)) {
      var subnet = g.byId(nat.prop("subnetId").asText()).orElseThrow();
      assertEquals("public", subnet.prop("tags.Tier").asText(), nat.name());
      assertTrue(
          g.byId(nat.prop("allocationId").asText()).orElseThrow().is("aws:ec2/eip:Eip"),
          nat.name());
    }
  }

  @ParameterizedTest(name = "{0}: public subnets route to the internet gateway")
  @ValueSource(strings = {"staging", "prod"})
  void publicSubnetsRouteToInternetGateway(String stack) {
    var g = graph(stack);
    var igw = g.ofType("aws:ec2/internetGateway:InternetGateway").get(0);
    var publicSubnets =
        g.ofType(SUBNET).stream()
            .filter(s -> s.prop("tags.Tier").asText().equals("public"))
            .toList();
    for (var subnet : publicSubnets) {
      var table = tableOf(g, subnet);
      assertEquals(igw.id(), defaultRoute(g, table).prop("gatewayId").asText(), subnet.name());
    }
  }

  @ParameterizedTest(name = "{0}: data subnets have no route to the internet at all")
  @ValueSource(strings = {"staging", "prod"})
  void dataSubnetsAreIsolated(String stack) {
    var g = graph(stack);
    var dataSubnets =
        g.ofType(SUBNET).stream().filter(s -> s.prop("tags.Tier").asText().equals("data")).toList();
    assertFalse(dataSubnets.isEmpty());
    for (var subnet : dataSubnets) {
      var table = tableOf(g, subnet);
      var routes =
          g.ofType(ROUTE).stream()
              .filter(r -> r.prop("routeTableId").asText().equals(table.id()))
              .toList();
      assertEquals(List.of(), routes, subnet.name() + " has routes");
    }
  }

  @ParameterizedTest(name = "{0}: S3 gateway endpoint serves the app and data route tables")
  @ValueSource(strings = {"staging", "prod"})
  void s3GatewayEndpointOnPrivateTables(String stack) {
    var g = graph(stack);
    var s3 =
        g.ofType(ENDPOINT).stream()
            .filter(e -> e.prop("vpcEndpointType").asText().equals("Gateway"))
            .toList();
    assertEquals(1, s3.size());
    assertEquals("com.amazonaws.us-east-1.s3", s3.get(0).prop("serviceName").asText());
    var served = new HashSet<String>();
    s3.get(0).prop("routeTableIds").forEach(n -> served.add(n.asText()));
    var expected = new HashSet<String>();
    g.ofType(SUBNET).stream()
        .filter(s -> !s.prop("tags.Tier").asText().equals("public"))
        .forEach(s -> expected.add(tableOf(g, s).id()));
    assertEquals(expected, served);
  }

  @Test
  void prodEc2EndpointHasInterfacesInTwoZonesSoLosingAnyOneLeavesIt() {
    var g = graph("prod");
    var endpoint =
        g.ofType(ENDPOINT).stream()
            .filter(e -> e.prop("vpcEndpointType").asText().equals("Interface"))
            .findFirst()
            .orElseThrow();
    var ids = new java.util.HashSet<String>();
    endpoint.prop("subnetIds").forEach(id -> ids.add(id.asText()));
    var subnets = g.ofType(SUBNET).stream().filter(s -> ids.contains(s.id())).toList();
    assertEquals(ids.size(), subnets.size(), "every endpoint subnet is one of the VPC's");
    subnets.forEach(
        s -> assertEquals("app", s.prop("tags.Tier").asText(), s.name() + " is an app subnet"));
    assertEquals(
        2,
        subnets.stream().map(s -> s.prop("availabilityZone").asText()).distinct().count(),
        "two zones: one survives the loss of the other, a third costs an interface's hours");
  }

  @Test
  void prodHasAnEc2InterfaceEndpointStagingWaivesIt() {
    var prod =
        graph("prod").ofType(ENDPOINT).stream()
            .filter(e -> e.prop("vpcEndpointType").asText().equals("Interface"))
            .toList();
    assertEquals(
        List.of("com.amazonaws.us-east-1.ec2"),
        prod.stream().map(e -> e.prop("serviceName").asText()).toList());
    assertTrue(prod.get(0).prop("privateDnsEnabled").asBoolean());
    assertEquals(
        0,
        graph("staging").ofType(ENDPOINT).stream()
            .filter(e -> e.prop("vpcEndpointType").asText().equals("Interface"))
            .count());
  }

  @ParameterizedTest(name = "{0}: VPC flow logs go to a log group with retention")
  @ValueSource(strings = {"staging", "prod"})
  void flowLogsWithRetention(String stack) {
    var g = graph(stack);
    var flowLog = g.ofType("aws:ec2/flowLog:FlowLog");
    assertEquals(1, flowLog.size());
    assertEquals(g.ofType("aws:ec2/vpc:Vpc").get(0).id(), flowLog.get(0).prop("vpcId").asText());
    var group = g.named("aws:cloudwatch/logGroup:LogGroup", stack + "-network-flow-logs");
    assertEquals(stack.equals("prod") ? 90 : 30, group.prop("retentionInDays").asInt());
    assertEquals(
        stack.equals("prod") ? "ALL" : "REJECT", flowLog.get(0).prop("trafficType").asText());
  }

  @ParameterizedTest(name = "{0}: the default security group is adopted with no rules")
  @ValueSource(strings = {"staging", "prod"})
  void defaultSecurityGroupHasNoRules(String stack) {
    var groups = graph(stack).ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    assertEquals(1, groups.size());
    JsonNode props = groups.get(0).props();
    assertTrue(
        props.path("ingress").isMissingNode() || props.path("ingress").isEmpty(),
        "ingress rules present");
    assertTrue(
        props.path("egress").isMissingNode() || props.path("egress").isEmpty(),
        "egress rules present");
  }

  @Test
  void natStrategyComesFromConfig() {
    var result =
        StackFixture.run(
            StackFixture.withConfig("staging", Map.of("knowledge-card:natStrategy", "perAz")));
    assertTrue(result.succeeded(), () -> result.failures().toString());
    assertEquals(2, result.graph().ofType(NAT).size());
  }

  @Test
  void componentRunsAloneAndParentsEveryChild() {
    var result =
        StackFixture.runComponent(
            StackFixture.stackFile("staging"),
            ctx -> {
              var config =
                  StackConfig.load(ConfigSource.of(ctx), ctx.projectName(), ctx.stackName());
              new Network(
                  "solo",
                  new NetworkArgs(
                      config.network(),
                      new RoleConfinement(
                          "/knowledge-card/solo/",
                          Output.of("arn:aws:iam::123456789012:policy/solo-boundary"))),
                  StackContext.of(config),
                  null);
            });
    var component = result.graph().named(Network.TYPE, "solo");
    var children = result.graph().childrenOf(component);
    assertEquals(
        result.graph().declared().size() - 1, children.size(), "every resource is a child");
    children.forEach(c -> assertTrue(c.name().startsWith("solo-"), c.name()));
  }

  private static List<GraphResource> appRouteTables(ResourceGraph g) {
    return g.ofType(SUBNET).stream()
        .filter(s -> s.prop("tags.Tier").asText().equals("app"))
        .map(s -> tableOf(g, s))
        .toList();
  }

  private static GraphResource tableOf(ResourceGraph g, GraphResource subnet) {
    var association =
        g.ofType(ASSOCIATION).stream()
            .filter(a -> a.prop("subnetId").asText().equals(subnet.id()))
            .toList();
    assertEquals(1, association.size(), subnet.name() + " associations");
    var table = g.byId(association.get(0).prop("routeTableId").asText()).orElseThrow();
    assertTrue(table.is(ROUTE_TABLE));
    return table;
  }

  private static List<GraphResource> associatedSubnets(ResourceGraph g, GraphResource table) {
    return g.ofType(ASSOCIATION).stream()
        .filter(a -> a.prop("routeTableId").asText().equals(table.id()))
        .map(a -> g.byId(a.prop("subnetId").asText()).orElseThrow())
        .toList();
  }

  private static GraphResource defaultRoute(ResourceGraph g, GraphResource table) {
    var routes =
        g.ofType(ROUTE).stream()
            .filter(r -> r.prop("routeTableId").asText().equals(table.id()))
            .filter(r -> r.prop("destinationCidrBlock").asText().equals("0.0.0.0/0"))
            .toList();
    assertEquals(1, routes.size(), table.name() + " default routes");
    return routes.get(0);
  }

  private static String zoneOfSubnet(ResourceGraph g, String subnetId) {
    return g.byId(subnetId).orElseThrow().prop("availabilityZone").asText();
  }
}
