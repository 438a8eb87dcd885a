package dev.knowledgecard.infra.report.cost;

import static dev.knowledgecard.infra.report.AwsTypes.*;

import dev.knowledgecard.infra.report.StackGraph;
import dev.knowledgecard.infra.synth.GraphResource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prices a stack's graph from a {@link PriceTable} and {@link UsageAssumptions}: a line per billed
 * item of each resource (NAT hours and GB, public IPv4, ALB hours and LCU, RDS class x AZ mode and
 * gp3 GB x copies, cache nodes, Fargate vCPU and GB x tasks x architecture, secrets, keys, alarms,
 * interface endpoints x AZs, log ingestion). A resource type, instance class or region the table
 * does not price is listed as unknown.
 */
public final class CostModel {
  /** Component name for usage that belongs to the whole stack rather than one resource. */
  public static final String STACK_USAGE = "(stack-wide usage)";

  private static final BigDecimal GIB = BigDecimal.valueOf(1024);
  private static final int FREE_BUDGETS = 2;

  private final StackGraph graph;
  private final PriceTable prices;
  private final UsageAssumptions usage;
  private final List<CostLine> lines = new ArrayList<>();
  private final List<UnknownCost> unknowns = new ArrayList<>();

  private CostModel(StackGraph graph, PriceTable prices, UsageAssumptions usage) {
    this.graph = graph;
    this.prices = prices;
    this.usage = usage;
  }

  /** The estimate of a stack with the shipped price table and the stack's usage assumptions. */
  public static CostEstimate estimate(StackGraph graph) {
    return estimate(graph, PriceTable.load(), UsageAssumptions.forStack(graph.stack()));
  }

  public static CostEstimate estimate(StackGraph graph, PriceTable prices, UsageAssumptions usage) {
    var model = new CostModel(graph, prices, usage);
    model.run();
    return new CostEstimate(
        prices.currency(),
        prices.date(),
        prices.region(),
        graph.region(),
        model.lines,
        model.unknowns,
        usage);
  }

  private void run() {
    var resources = graph.cloudResources();
    if (!prices.region().equals(graph.region())) {
      for (var r : resources) {
        if (!prices.noCharge().containsKey(r.type())) {
          unknown(
              r,
              "no price table for region "
                  + (graph.region().isEmpty() ? "(unknown)" : graph.region())
                  + " (the table covers "
                  + prices.region()
                  + ")");
        }
      }
      return;
    }
    var logGroups = graph.all(LOG_GROUP);
    var budgets = 0;
    for (var r : resources) {
      switch (r.type()) {
        case NAT_GATEWAY -> natGateway(r);
        case EIP -> line(r, "publicIpv4.hour", "public IPv4 address hours", hours());
        case LOAD_BALANCER -> loadBalancer(r);
        case VPC_ENDPOINT -> endpoint(r);
        case RDS_INSTANCE -> database(r);
        case REPLICATION_GROUP -> cache(r, StackGraph.cacheNodes(r));
        case CACHE_CLUSTER -> cache(r, r.prop("numCacheNodes").asInt(1));
        case ECS_SERVICE -> service(r);
        case ECR_REPOSITORY ->
            line(
                r, "ecr.gbMonth", "image storage (GB-month)", usage.value(UsageAssumptions.ECR_GB));
        case SECRET -> line(r, "secretsManager.secretMonth", "secret", BigDecimal.ONE);
        case KMS_KEY -> line(r, "kms.keyMonth", "customer key", BigDecimal.ONE);
        case METRIC_ALARM -> line(r, "cloudwatch.alarmMonth", "standard alarm", BigDecimal.ONE);
        case ROUTE53_ZONE -> line(r, "route53.zoneMonth", "hosted zone", BigDecimal.ONE);
        case LOG_GROUP -> logGroup(r, logGroups.size());
        case BUDGET -> {
          budgets++;
          if (budgets <= FREE_BUDGETS) {
            line(r, "budgets.firstTwo", "budget (one of the first two, free)", BigDecimal.ONE);
          } else {
            unknown(r, "only the first two budgets are free; the table has no price beyond");
          }
        }
        default -> {
          if (!prices.noCharge().containsKey(r.type())) {
            unknown(
                r, "no price for " + r.type() + " in the price table (usage-billed or not listed)");
          }
        }
      }
    }
    var secrets =
        graph.all(SECRET).size()
            + graph.all(RDS_INSTANCE).stream().filter(CostModel::managesMasterSecret).count();
    if (secrets > 0) {
      stackLine(
          "secretsManager.per10kCalls",
          "Secrets Manager API calls (per 10,000)",
          usage.value(UsageAssumptions.SECRETS_CALLS).divide(BigDecimal.valueOf(10_000)));
    }
  }

  private BigDecimal hours() {
    return usage.value(UsageAssumptions.HOURS);
  }

  private void natGateway(GraphResource r) {
    line(r, "natGateway.hour", "NAT gateway hours", hours());
    var nats = BigDecimal.valueOf(graph.all(NAT_GATEWAY).size());
    line(
        r,
        "natGateway.gb",
        "NAT data processed (GB, share of " + usage.value(UsageAssumptions.NAT_GB) + " GB)",
        usage.value(UsageAssumptions.NAT_GB).divide(nats, 4, RoundingMode.HALF_UP));
  }

  private void loadBalancer(GraphResource r) {
    var type = r.prop("loadBalancerType").asText("application");
    if (!"application".equals(type)) {
      unknown(r, "no price for a " + type + " load balancer in the table");
      return;
    }
    line(r, "alb.hour", "load balancer hours", hours());
    line(
        r,
        "alb.lcuHour",
        "LCU-hours (" + usage.value(UsageAssumptions.ALB_LCU) + " LCU average)",
        hours().multiply(usage.value(UsageAssumptions.ALB_LCU)));
    if (!r.prop("internal").asBoolean(false)) {
      var zones = Math.max(r.prop("subnets").size(), r.prop("subnetMappings").size());
      line(
          r,
          "publicIpv4.hour",
          "public IPv4 hours (" + zones + " AZs)",
          hours().multiply(BigDecimal.valueOf(zones)));
    }
  }

  private void endpoint(GraphResource r) {
    var type = r.prop("vpcEndpointType").asText("Gateway");
    if ("Gateway".equals(type)) {
      line(r, "vpcEndpoint.gateway", "gateway endpoint", BigDecimal.ONE);
    } else if ("Interface".equals(type)) {
      var zones = r.prop("subnetIds").size();
      line(
          r,
          "vpcEndpoint.interface.azHour",
          "interface endpoint AZ-hours (" + zones + " AZs)",
          hours().multiply(BigDecimal.valueOf(zones)));
      line(
          r,
          "vpcEndpoint.interface.gb",
          "interface endpoint data (GB)",
          usage.value(UsageAssumptions.ENDPOINT_GB));
    } else {
      unknown(r, "no price for a " + type + " endpoint in the table");
    }
  }

  private static boolean managesMasterSecret(GraphResource db) {
    return db.prop("manageMasterUserPassword").asBoolean(false);
  }

  private void database(GraphResource r) {
    var engine = r.prop("engine").asText("");
    var instanceClass = r.prop("instanceClass").asText("");
    var multiAz = r.prop("multiAz").asBoolean(false);
    if (!engine.startsWith("postgres")) {
      unknown(
          r,
          "the table prices PostgreSQL only; engine is " + (engine.isEmpty() ? "unset" : engine));
    } else {
      var id = "rds." + instanceClass + "." + (multiAz ? "multiAz" : "singleAz") + ".hour";
      if (prices.price(id).isPresent()) {
        line(r, id, instanceClass + (multiAz ? " Multi-AZ" : " single-AZ") + " hours", hours());
      } else {
        unknown(r, "no price for instance class " + instanceClass + (multiAz ? " Multi-AZ" : ""));
      }
    }
    var storageType = r.prop("storageType").asText("");
    var gb = r.prop("allocatedStorage").asInt(0);
    if ("gp3".equals(storageType)) {
      var copies = multiAz ? 2 : 1;
      line(
          r,
          "rds.gp3.gbMonth",
          "gp3 storage (" + gb + " GB x " + copies + (copies == 2 ? " copies)" : " copy)"),
          BigDecimal.valueOf((long) gb * copies));
    } else {
      unknown(
          r,
          "storage: no price for storageType "
              + (storageType.isEmpty() ? "unset (AWS picks gp2)" : storageType));
    }
    if (managesMasterSecret(r)) {
      line(r, "secretsManager.secretMonth", "RDS-managed master secret", BigDecimal.ONE);
    }
  }

  private void cache(GraphResource r, int nodes) {
    var nodeType = r.prop("nodeType").asText("");
    var id = "elasticache." + nodeType + ".hour";
    if (prices.price(id).isEmpty()) {
      unknown(r, "no price for cache node type " + (nodeType.isEmpty() ? "(unset)" : nodeType));
      return;
    }
    line(
        r,
        id,
        nodeType + " node-hours (" + nodes + " nodes)",
        hours().multiply(BigDecimal.valueOf(nodes)));
  }

  private void service(GraphResource r) {
    var spot = r.prop("capacityProviderStrategies").toString().contains("FARGATE_SPOT");
    if (spot) {
      unknown(r, "Fargate Spot prices float; the table has no fixed price");
      return;
    }
    var task = graph.referenced(r, "taskDefinition", TASK_DEFINITION).stream().findFirst();
    if (task.isEmpty()) {
      unknown(r, "its task definition is not in the graph");
      return;
    }
    var t = task.get();
    var arch = t.prop("runtimePlatform.cpuArchitecture").asText("X86_64");
    var vcpu = new BigDecimal(t.prop("cpu").asText("0")).divide(GIB, 4, RoundingMode.HALF_UP);
    var gb = new BigDecimal(t.prop("memory").asText("0")).divide(GIB, 4, RoundingMode.HALF_UP);
    var count = runningTasks(r);
    var vcpuId = "fargate." + arch + ".vcpuHour";
    var gbId = "fargate." + arch + ".gbHour";
    if (prices.price(vcpuId).isEmpty() || prices.price(gbId).isEmpty()) {
      unknown(r, "no Fargate price for architecture " + arch);
      return;
    }
    var taskHours = hours().multiply(BigDecimal.valueOf(count));
    var shape = count + " tasks x " + vcpu.stripTrailingZeros().toPlainString() + " vCPU " + arch;
    line(r, vcpuId, "Fargate vCPU-hours (" + shape + ")", taskHours.multiply(vcpu));
    line(
        r,
        gbId,
        "Fargate GB-hours ("
            + count
            + " tasks x "
            + gb.stripTrailingZeros().toPlainString()
            + " GB)",
        taskHours.multiply(gb));
  }

  /** The service's desired count, or its autoscaling minimum when that is higher. */
  private int runningTasks(GraphResource service) {
    var desired = service.prop("desiredCount").asInt(0);
    var names = new java.util.HashSet<>(StackGraph.identifiers(service));
    names.add(service.name());
    var minimum =
        graph.all(SCALING_TARGET).stream()
            .filter(
                t -> {
                  var id = t.prop("resourceId").asText("");
                  return names.stream().anyMatch(n -> id.endsWith("/" + n));
                })
            .mapToInt(t -> t.prop("minCapacity").asInt(0))
            .max()
            .orElse(0);
    return Math.max(desired, minimum);
  }

  private void logGroup(GraphResource r, int groups) {
    var share =
        usage
            .value(UsageAssumptions.LOG_GB)
            .divide(BigDecimal.valueOf(groups), 4, RoundingMode.HALF_UP);
    line(r, "logs.ingestGb", "log ingestion (GB, 1/" + groups + " of the stack's)", share);
    var days = r.prop("retentionInDays").asInt(0);
    if (days > 0) {
      // Steady state: a month's ingestion times the months it is kept.
      var stored =
          share
              .multiply(BigDecimal.valueOf(days))
              .divide(BigDecimal.valueOf(30), 4, RoundingMode.HALF_UP);
      line(r, "logs.storedGbMonth", "log storage (GB-month, " + days + " days kept)", stored);
    } else {
      unknown(r, "kept forever: stored volume grows without bound");
    }
  }

  private void line(GraphResource r, String priceId, String item, BigDecimal quantity) {
    add(graph.component(r), r.name(), priceId, item, quantity);
  }

  private void stackLine(String priceId, String item, BigDecimal quantity) {
    add(STACK_USAGE, "-", priceId, item, quantity);
  }

  private void add(
      String component, String resource, String priceId, String item, BigDecimal quantity) {
    Optional<PriceTable.Price> price = prices.price(priceId);
    if (price.isEmpty()) {
      unknowns.add(
          new UnknownCost(component, resource, priceId, "no price " + priceId + " in the table"));
      return;
    }
    var p = price.get();
    lines.add(
        new CostLine(
            component,
            resource,
            priceId,
            item + (p.estimate() ? " (price is an estimate)" : ""),
            quantity.stripTrailingZeros(),
            p.unit(),
            p.price(),
            quantity.multiply(p.price()).setScale(2, RoundingMode.HALF_UP)));
  }

  private void unknown(GraphResource r, String reason) {
    unknowns.add(new UnknownCost(graph.component(r), r.name(), r.type(), reason));
  }
}
