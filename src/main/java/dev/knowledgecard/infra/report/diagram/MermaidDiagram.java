package dev.knowledgecard.infra.report.diagram;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.BucketLogging;
import dev.knowledgecard.infra.graph.aws.CacheSubnetGroup;
import dev.knowledgecard.infra.graph.aws.EcsService;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.graph.aws.NatGateway;
import dev.knowledgecard.infra.graph.aws.NetworkInterface;
import dev.knowledgecard.infra.graph.aws.RdsInstance;
import dev.knowledgecard.infra.graph.aws.RdsSubnetGroup;
import dev.knowledgecard.infra.graph.aws.ReplicationGroup;
import dev.knowledgecard.infra.graph.aws.Route;
import dev.knowledgecard.infra.graph.aws.RouteTableAssociation;
import dev.knowledgecard.infra.graph.aws.Subnet;
import dev.knowledgecard.infra.graph.aws.TaskDefinition;
import dev.knowledgecard.infra.graph.aws.Vpc;
import dev.knowledgecard.infra.graph.aws.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stack's architecture as a Mermaid flowchart, generated from the graph: the internet, the load
 * balancer, the tasks, the data stores and buckets, inside the VPC by subnet tier and AZ, with NAT
 * gateways or NAT instances and VPC endpoints. A subnet's tier comes from its routes: a route to an
 * internet gateway makes it public, a route to a NAT (gateway or instance interface) private (app),
 * neither isolated (data).
 */
public final class MermaidDiagram {
  /** Subnet tiers, named after where their default route goes. */
  public enum Tier {
    PUBLIC("public subnets: route to the internet gateway"),
    APP("app subnets: private, egress via NAT"),
    DATA("data subnets: isolated, no internet route");

    private final String label;

    Tier(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final StackGraph g;
  private final StringBuilder out = new StringBuilder();
  private final Map<GraphResource, Tier> subnetTiers = new LinkedHashMap<>();

  private MermaidDiagram(StackGraph g) {
    this.g = g;
    for (var subnet : g.all(SUBNET)) {
      subnetTiers.put(subnet, tierOf(subnet));
    }
  }

  /** The Mermaid source (without the surrounding code fence). */
  public static String render(StackGraph graph) {
    return new MermaidDiagram(graph).draw();
  }

  /** The tiers the graph's subnets fall into. */
  public static Set<Tier> tiers(StackGraph graph) {
    return new LinkedHashSet<>(new MermaidDiagram(graph).subnetTiers.values());
  }

  /** What a route sends through a NAT: a NAT gateway, or a NAT instance's static interface. */
  private List<GraphResource> natsOf(GraphResource route) {
    var out = new ArrayList<>(g.referenced(route, Route.NAT_GATEWAY_ID, NAT_GATEWAY));
    out.addAll(g.referenced(route, Route.NETWORK_INTERFACE_ID, NETWORK_INTERFACE));
    return out;
  }

  /** Every NAT some route uses, in graph order. */
  private List<GraphResource> nats() {
    var used = new LinkedHashSet<GraphResource>();
    g.all(ROUTE).forEach(r -> used.addAll(natsOf(r)));
    var out = new ArrayList<>(g.all(NAT_GATEWAY));
    g.all(NETWORK_INTERFACE).stream().filter(used::contains).forEach(out::add);
    return out;
  }

  private Tier tierOf(GraphResource subnet) {
    for (var association : g.referencing(subnet, RouteTableAssociation.SUBNET_ID)) {
      for (var table :
          g.referenced(association, RouteTableAssociation.ROUTE_TABLE_ID, ROUTE_TABLE)) {
        for (var route : g.referencing(table, Route.ROUTE_TABLE_ID)) {
          if (!g.referenced(route, Route.GATEWAY_ID, INTERNET_GATEWAY).isEmpty()) {
            return Tier.PUBLIC;
          }
          if (!natsOf(route).isEmpty()) {
            return Tier.APP;
          }
        }
      }
    }
    return Tier.DATA;
  }

  private String draw() {
    line("flowchart LR");
    line("  internet((Internet))");
    var vpcs = g.all(VPC);
    for (var vpc : vpcs) {
      line(
          "  subgraph "
              + id(vpc)
              + "[\""
              + esc("VPC " + Vpc.CIDR_BLOCK.of(vpc).asText("") + " (" + g.region() + ")")
              + "\"]");
      line("    direction TB");
      for (var tier : Tier.values()) {
        drawTier(tier);
      }
      for (var endpoint : g.all(VPC_ENDPOINT)) {
        if (!"Interface".equals(VpcEndpoint.VPC_ENDPOINT_TYPE.of(endpoint).asText("Gateway"))) {
          node(
              endpoint,
              "[\"" + esc(serviceName(endpoint) + " gateway endpoint (free)") + "\"]",
              "    ");
        }
      }
      line("  end");
    }
    for (var bucket : g.all(BUCKET)) {
      node(bucket, "[(\"" + esc("S3 bucket " + bucket.name()) + "\")]", "  ");
    }
    drawFlows();
    return out.toString();
  }

  private void drawTier(Tier tier) {
    var subnets =
        subnetTiers.entrySet().stream()
            .filter(e -> e.getValue() == tier)
            .map(Map.Entry::getKey)
            .toList();
    if (subnets.isEmpty()) {
      return;
    }
    line(
        "    subgraph tier_"
            + tier.name().toLowerCase(java.util.Locale.ROOT)
            + "[\""
            + esc(tier.label())
            + "\"]");
    var byZone = new TreeMap<String, List<GraphResource>>();
    subnets.forEach(
        s ->
            byZone
                .computeIfAbsent(Subnet.AVAILABILITY_ZONE.of(s).asText("?"), z -> new ArrayList<>())
                .add(s));
    byZone.forEach(
        (zone, inZone) -> {
          var cidrs = inZone.stream().map(s -> Subnet.CIDR_BLOCK.of(s).asText("")).toList();
          line(
              "      "
                  + zoneId(tier, zone)
                  + "[\""
                  + esc(zone + " " + String.join(", ", cidrs))
                  + "\"]");
        });
    if (tier == Tier.PUBLIC) {
      for (var nat : nats()) {
        var zone =
            g
                .referenced(
                    nat,
                    nat.is(NAT_GATEWAY) ? NatGateway.SUBNET_ID : NetworkInterface.SUBNET_ID,
                    SUBNET)
                .stream()
                .map(s -> Subnet.AVAILABILITY_ZONE.of(s).asText("?"))
                .findFirst()
                .orElse("?");
        var kind = nat.is(NAT_GATEWAY) ? "NAT gateway " : "NAT instance ";
        node(nat, "{{\"" + esc(kind + zone) + "\"}}", "      ");
      }
      for (var lb : g.all(LOAD_BALANCER)) {
        if (inTier(g.referenced(lb, LoadBalancer.SUBNETS, SUBNET), tier)) {
          node(lb, "[/\"" + esc(loadBalancerLabel(lb)) + "\"/]", "      ");
        }
      }
    }
    for (var service : g.all(ECS_SERVICE)) {
      if (inTier(g.referenced(service, EcsService.SUBNETS, SUBNET), tier)) {
        node(service, "[\"" + esc(serviceLabel(service)) + "\"]", "      ");
      }
    }
    for (var endpoint : g.all(VPC_ENDPOINT)) {
      if ("Interface".equals(VpcEndpoint.VPC_ENDPOINT_TYPE.of(endpoint).asText(""))
          && inTier(g.referenced(endpoint, VpcEndpoint.SUBNET_IDS, SUBNET), tier)) {
        node(
            endpoint,
            "[\""
                + esc(
                    serviceName(endpoint)
                        + " interface endpoint x "
                        + VpcEndpoint.SUBNET_IDS.of(endpoint).size()
                        + " AZs")
                + "\"]",
            "      ");
      }
    }
    for (var db : g.all(RDS_INSTANCE)) {
      var subnetsOfDb = new ArrayList<GraphResource>();
      g.referenced(db, RdsInstance.DB_SUBNET_GROUP_NAME, RDS_SUBNET_GROUP)
          .forEach(sg -> subnetsOfDb.addAll(g.referenced(sg, RdsSubnetGroup.SUBNET_IDS, SUBNET)));
      if (inTier(subnetsOfDb, tier) || (subnetsOfDb.isEmpty() && tier == Tier.DATA)) {
        node(db, "[(\"" + esc(databaseLabel(db)) + "\")]", "      ");
      }
    }
    for (var cache : g.all(REPLICATION_GROUP)) {
      var subnetsOfCache = new ArrayList<GraphResource>();
      g.referenced(cache, ReplicationGroup.SUBNET_GROUP_NAME, CACHE_SUBNET_GROUP)
          .forEach(
              sg -> subnetsOfCache.addAll(g.referenced(sg, CacheSubnetGroup.SUBNET_IDS, SUBNET)));
      if (inTier(subnetsOfCache, tier) || (subnetsOfCache.isEmpty() && tier == Tier.DATA)) {
        node(cache, "[(\"" + esc(cacheLabel(cache)) + "\")]", "      ");
      }
    }
    line("    end");
  }

  private boolean inTier(List<GraphResource> subnets, Tier tier) {
    return !subnets.isEmpty() && subnets.stream().allMatch(s -> subnetTiers.get(s) == tier);
  }

  private void drawFlows() {
    var lbs = g.all(LOAD_BALANCER);
    var services = g.all(ECS_SERVICE);
    for (var lb : lbs) {
      line("  internet -->|HTTPS 443, HTTP 80 redirect| " + id(lb));
      for (var bucket : g.referenced(lb, LoadBalancer.ACCESS_LOGS_BUCKET, BUCKET)) {
        line("  " + id(lb) + " -.->|access logs| " + id(bucket));
      }
      for (var s : services) {
        line("  " + id(lb) + " -->|app port| " + id(s));
      }
    }
    // Log buckets receive from the load balancer and from S3 itself, not from the tasks.
    var logDestinations = new java.util.HashSet<GraphResource>();
    for (var lb : lbs) {
      logDestinations.addAll(g.referenced(lb, LoadBalancer.ACCESS_LOGS_BUCKET, BUCKET));
    }
    for (var logging : g.all(BUCKET_LOGGING)) {
      var targets = g.referenced(logging, BucketLogging.TARGET_BUCKET, BUCKET);
      logDestinations.addAll(targets);
      for (var source : g.referenced(logging, BucketLogging.BUCKET, BUCKET)) {
        for (var target : targets) {
          line("  " + id(source) + " -.->|access logs| " + id(target));
        }
      }
    }
    var clients = services.isEmpty() ? List.<String>of() : services.stream().map(this::id).toList();
    for (var client : clients) {
      for (var db : g.all(RDS_INSTANCE)) {
        line("  " + client + " -->|PostgreSQL TLS| " + id(db));
      }
      for (var cache : g.all(REPLICATION_GROUP)) {
        line("  " + client + " -->|Redis TLS| " + id(cache));
      }
      var gateway =
          g.all(VPC_ENDPOINT).stream()
              .filter(
                  e ->
                      serviceName(e).equals("s3")
                          && !"Interface".equals(VpcEndpoint.VPC_ENDPOINT_TYPE.of(e).asText("")))
              .findFirst();
      for (var bucket : g.all(BUCKET)) {
        if (logDestinations.contains(bucket)) {
          continue;
        }
        if (gateway.isPresent()) {
          line("  " + client + " --> " + id(gateway.get()) + " --> " + id(bucket));
        } else {
          line("  " + client + " --> " + id(bucket));
        }
      }
    }
    // Egress: each private zone through its NAT gateway, then the internet gateway.
    var igws = g.all(INTERNET_GATEWAY);
    for (var route : g.all(ROUTE)) {
      var nats = natsOf(route);
      if (nats.isEmpty()) {
        continue;
      }
      for (var table : g.referenced(route, Route.ROUTE_TABLE_ID, ROUTE_TABLE)) {
        for (var association : g.referencing(table, RouteTableAssociation.ROUTE_TABLE_ID)) {
          for (var subnet : g.referenced(association, RouteTableAssociation.SUBNET_ID, SUBNET)) {
            line(
                "  "
                    + zoneId(
                        subnetTiers.get(subnet), Subnet.AVAILABILITY_ZONE.of(subnet).asText("?"))
                    + " -.->|egress| "
                    + id(nats.get(0)));
          }
        }
      }
    }
    if (!igws.isEmpty()) {
      node(igws.get(0), "[\"Internet gateway\"]", "  ");
      for (var nat : nats()) {
        line("  " + id(nat) + " -.-> " + id(igws.get(0)));
      }
      line("  " + id(igws.get(0)) + " -.- internet");
    }
  }

  private static String serviceName(GraphResource endpoint) {
    var name = VpcEndpoint.SERVICE_NAME.of(endpoint).asText("");
    var parts = name.split("\\.", 4);
    return parts.length == 4 ? parts[3] : name;
  }

  private static String loadBalancerLabel(GraphResource lb) {
    return "Application Load Balancer "
        + lb.name()
        + " ("
        + LoadBalancer.SUBNETS.of(lb).size()
        + " AZs)";
  }

  private String serviceLabel(GraphResource service) {
    var task =
        g.referenced(service, EcsService.TASK_DEFINITION, TASK_DEFINITION).stream().findFirst();
    var shape =
        task.map(
                t ->
                    ", "
                        + TaskDefinition.CPU.of(t).asText("?")
                        + " CPU units / "
                        + TaskDefinition.MEMORY.of(t).asText("?")
                        + " MiB "
                        + TaskDefinition.CPU_ARCHITECTURE.of(t).asText("X86_64"))
            .orElse("");
    return "ECS Fargate service "
        + service.name()
        + " (desired "
        + EcsService.DESIRED_COUNT.of(service).asInt(0)
        + shape
        + ")";
  }

  private static String databaseLabel(GraphResource db) {
    return "RDS "
        + RdsInstance.ENGINE.of(db).asText("")
        + " "
        + RdsInstance.ENGINE_VERSION.of(db).asText("")
        + " "
        + RdsInstance.INSTANCE_CLASS.of(db).asText("")
        + (RdsInstance.MULTI_AZ.of(db).asBoolean(false) ? " Multi-AZ" : " single-AZ");
  }

  private static String cacheLabel(GraphResource cache) {
    var nodes = ReplicationGroup.nodes(cache);
    var engine =
        "valkey".equals(ReplicationGroup.ENGINE.of(cache).asText("redis")) ? "Valkey" : "Redis";
    return "ElastiCache "
        + engine
        + " "
        + ReplicationGroup.NODE_TYPE.of(cache).asText("")
        + " x "
        + nodes;
  }

  private void node(GraphResource r, String shape, String indent) {
    line(indent + id(r) + shape);
  }

  private String id(GraphResource r) {
    return "r_" + r.name().replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String zoneId(Tier tier, String zone) {
    return (tier == null ? "unknown" : tier.name().toLowerCase(java.util.Locale.ROOT))
        + "_"
        + zone.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String esc(String text) {
    return text.replace("\"", "#quot;");
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
