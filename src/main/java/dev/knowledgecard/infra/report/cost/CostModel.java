package dev.knowledgecard.infra.report.cost;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Prices a stack's graph from a {@link PriceTable} and {@link UsageAssumptions}: a line per billed
 * item of each resource (NAT gateway hours and GB, NAT instance hours, volumes and public IPv4, ALB
 * hours and LCU, RDS class x AZ mode and gp3 GB x copies, cache engine x node, Fargate vCPU and GB
 * x tasks x architecture, Container Insights metrics, S3 storage and requests, SNS publishes and
 * deliveries, dashboards, EventBridge rules, Lambda, secrets, keys, alarms, interface endpoints x
 * AZs, log ingestion, internet egress). Account-wide free tiers are applied in graph order and
 * printed as free lines, never dropped. A resource type, instance class or region the table does
 * not price is listed as unknown.
 */
public final class CostModel {
  /** Component name for usage that belongs to the whole stack rather than one resource. */
  public static final String STACK_USAGE = "(stack-wide usage)";

  private static final BigDecimal GIB = BigDecimal.valueOf(1024);
  private static final int FREE_BUDGETS = 2;
  private static final int FREE_DASHBOARDS = 3;
  private static final BigDecimal FREE_EGRESS_GB = BigDecimal.valueOf(100);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackGraph graph;
  private final PriceTable prices;
  private final UsageAssumptions usage;
  private final List<CostLine> lines = new ArrayList<>();
  private final List<UnknownCost> unknowns = new ArrayList<>();

  /** How much of each account-wide free allowance earlier lines have used, by free price id. */
  private final Map<String, BigDecimal> freeUsed = new HashMap<>();

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
    var dashboards = 0;
    for (var r : resources) {
      switch (r.type()) {
        case NAT_GATEWAY -> natGateway(r);
        case EIP -> line(r, "publicIpv4.hour", "public IPv4 address hours", hours());
        case LOAD_BALANCER -> loadBalancer(r);
        case VPC_ENDPOINT -> endpoint(r);
        case RDS_INSTANCE -> database(r);
        case REPLICATION_GROUP -> cache(r, StackGraph.cacheNodes(r));
        case CACHE_CLUSTER -> cache(r, r.prop("numCacheNodes").asInt(1));
        case AUTOSCALING_GROUP -> instances(r);
        case ECS_CLUSTER -> containerInsights(r);
        case BUCKET -> bucket(r);
        case SNS_TOPIC -> topic(r);
        case DASHBOARD -> {
          dashboards++;
          if (dashboards <= FREE_DASHBOARDS) {
            line(
                r,
                "cloudwatch.dashboard.firstThree",
                "dashboard (one of the account's first 3, free)",
                BigDecimal.ONE);
          } else {
            line(r, "cloudwatch.dashboardMonth", "dashboard", BigDecimal.ONE);
          }
        }
        case EVENT_RULE -> eventRule(r);
        case LAMBDA_FUNCTION -> lambda(r);
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
    tiered(
        null,
        "data transfer out to the internet (GB)",
        usage.value(UsageAssumptions.INTERNET_EGRESS_GB),
        FREE_EGRESS_GB,
        "dataTransferOut.freeGb",
        "dataTransferOut.gb",
        BigDecimal.ONE);
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
    var engine = r.prop("engine").asText("redis");
    var id = "elasticache." + engine + "." + nodeType + ".hour";
    if (prices.price(id).isEmpty()) {
      unknown(
          r,
          "no price for "
              + engine
              + " cache node type "
              + (nodeType.isEmpty() ? "(unset)" : nodeType));
      return;
    }
    line(
        r,
        id,
        engine + " " + nodeType + " node-hours (" + nodes + " nodes)",
        hours().multiply(BigDecimal.valueOf(nodes)));
  }

  /**
   * An Auto Scaling group's running instances: the first instance type it launches (on demand, in
   * priority order), the EBS volumes of its launch template, and a public IPv4 address when the
   * template assigns one.
   */
  private void instances(GraphResource group) {
    var count = group.prop("desiredCapacity").asInt(group.prop("minSize").asInt(0));
    var templates = new ArrayList<>(graph.referenced(group, "launchTemplate.id", LAUNCH_TEMPLATE));
    templates.addAll(
        graph.referenced(
            group,
            "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId",
            LAUNCH_TEMPLATE));
    if (templates.isEmpty()) {
      unknown(group, "its launch template is not in the graph");
      return;
    }
    var template = templates.get(0);
    var overrides = group.prop("mixedInstancesPolicy.launchTemplate.overrides");
    var type =
        overrides.size() > 0
            ? overrides.get(0).path("instanceType").asText("")
            : template.prop("instanceType").asText("");
    var id = "ec2." + type + ".hour";
    var instanceHours = hours().multiply(BigDecimal.valueOf(count));
    if (prices.price(id).isEmpty()) {
      unknown(group, "no price for instance type " + (type.isEmpty() ? "(unset)" : type));
    } else {
      line(group, id, type + " instance-hours (" + count + " x 730 h, on demand)", instanceHours);
    }
    for (var mapping : template.prop("blockDeviceMappings")) {
      var ebs = mapping.path("ebs");
      var volumeType = ebs.path("volumeType").asText("");
      var size = ebs.path("volumeSize").asInt(0);
      if (!"gp3".equals(volumeType) || size == 0) {
        unknown(
            group,
            "volume "
                + mapping.path("deviceName").asText("?")
                + ": no price for "
                + (volumeType.isEmpty() ? "an unset volume type" : volumeType)
                + (size == 0 ? " of the image's size" : ""));
        continue;
      }
      line(
          group,
          "ebs.gp3.gbMonth",
          "gp3 root volume (" + size + " GB x " + count + ")",
          BigDecimal.valueOf((long) size * count));
    }
    for (var nic : template.prop("networkInterfaces")) {
      if ("true".equals(nic.path("associatePublicIpAddress").asText(""))) {
        line(
            group,
            "publicIpv4.hour",
            "public IPv4 of the primary interface (" + count + " instances)",
            instanceHours);
      }
    }
  }

  /** Container Insights: custom metrics per cluster, service and running task family, and logs. */
  private void containerInsights(GraphResource cluster) {
    var enabled =
        StreamSupport.stream(cluster.prop("settings").spliterator(), false)
            .anyMatch(
                s ->
                    "containerInsights".equals(s.path("name").asText(""))
                        && !"disabled".equals(s.path("value").asText("disabled")));
    if (!enabled) {
      return;
    }
    var services = graph.referencing(cluster, ECS_SERVICE, "cluster");
    var families =
        services.stream()
            .flatMap(s -> graph.referenced(s, "taskDefinition", TASK_DEFINITION).stream())
            .map(t -> t.prop("family").asText(t.name()))
            .distinct()
            .count();
    var metrics =
        usage
            .value(UsageAssumptions.INSIGHTS_CLUSTER_METRICS)
            .add(
                usage
                    .value(UsageAssumptions.INSIGHTS_SERVICE_METRICS)
                    .multiply(BigDecimal.valueOf(services.size())))
            .add(
                usage
                    .value(UsageAssumptions.INSIGHTS_FAMILY_METRICS)
                    .multiply(BigDecimal.valueOf(families)));
    line(
        cluster,
        "cloudwatch.customMetricMonth",
        "Container Insights metrics (1 cluster, "
            + services.size()
            + " services, "
            + families
            + " task families)",
        metrics);
    line(
        cluster,
        "logs.ingestGb",
        "Container Insights performance log ingestion (GB)",
        usage.value(UsageAssumptions.INSIGHTS_LOG_GB));
  }

  private void bucket(GraphResource r) {
    line(
        r,
        "s3.standard.gbMonth",
        "S3 Standard storage (GB-month)",
        usage.value(UsageAssumptions.S3_GB));
    line(
        r,
        "s3.per1kPut",
        "PUT/LIST requests (thousands)",
        usage.value(UsageAssumptions.S3_PUTS).divide(THOUSAND));
    line(
        r,
        "s3.per1kGet",
        "GET requests (thousands)",
        usage.value(UsageAssumptions.S3_GETS).divide(THOUSAND));
  }

  /** Publishes, and deliveries by protocol (to Lambda and SQS they are free). */
  private void topic(GraphResource r) {
    var publishes = usage.value(UsageAssumptions.SNS_PUBLISHES);
    tiered(r, "publishes", publishes, MILLION, "sns.freePublishes", "sns.per1MPublishes", MILLION);
    var subscriptions = graph.referencing(r, SNS_SUBSCRIPTION, "topic");
    var email =
        subscriptions.stream()
            .filter(x -> x.prop("protocol").asText("").startsWith("email"))
            .count();
    var https =
        subscriptions.stream()
            .filter(x -> x.prop("protocol").asText("").startsWith("http"))
            .count();
    if (email > 0) {
      tiered(
          r,
          "email deliveries (" + email + " subscriptions)",
          publishes.multiply(BigDecimal.valueOf(email)),
          THOUSAND,
          "sns.freeEmailDeliveries",
          "sns.per100kEmailDeliveries",
          BigDecimal.valueOf(100_000));
    }
    if (https > 0) {
      line(
          r,
          "sns.per1MHttpsDeliveries",
          "HTTPS deliveries (millions, " + https + " subscriptions)",
          publishes.multiply(BigDecimal.valueOf(https)).divide(MILLION));
    }
  }

  /** Rules matching events from AWS services on the default bus are free; others are unknown. */
  private void eventRule(GraphResource r) {
    var bus = r.prop("eventBusName").asText("default");
    var sources = new ArrayList<String>();
    try {
      var pattern = JSON.readTree(r.prop("eventPattern").asText("{}"));
      sources.addAll(StackGraph.texts(pattern.path("source")));
    } catch (JsonProcessingException e) {
      unknown(r, "event pattern not readable offline");
      return;
    }
    if ("default".equals(bus)
        && !sources.isEmpty()
        && sources.stream().allMatch(x -> x.startsWith("aws."))) {
      line(
          r,
          "eventBridge.awsServiceEvents",
          "rule on AWS service events " + sources + " (default bus, free)",
          BigDecimal.ONE);
    } else {
      unknown(r, "custom events or a custom bus: no usage assumption for their volume");
    }
  }

  /** Requests and compute, within the account's free tier first. */
  private void lambda(GraphResource r) {
    var invocations = usage.value(UsageAssumptions.LAMBDA_INVOCATIONS);
    var memoryGb =
        BigDecimal.valueOf(r.prop("memorySize").asInt(128)).divide(GIB, 4, RoundingMode.HALF_UP);
    var seconds =
        usage.value(UsageAssumptions.LAMBDA_DURATION_MS).divide(THOUSAND, 4, RoundingMode.HALF_UP);
    var arch = StackGraph.texts(r.prop("architectures")).contains("arm64") ? "ARM64" : "X86_64";
    tiered(
        r,
        "requests",
        invocations,
        MILLION,
        "lambda.freeRequests",
        "lambda.per1MRequests",
        MILLION);
    tiered(
        r,
        "compute (GB-seconds, " + r.prop("memorySize").asInt(128) + " MB " + arch + ")",
        invocations.multiply(seconds).multiply(memoryGb),
        BigDecimal.valueOf(400_000),
        "lambda.freeGbSeconds",
        "lambda." + arch + ".gbSecond",
        BigDecimal.ONE);
  }

  /**
   * Usage under an account-wide monthly free allowance: the part still within it at the free price,
   * the rest at the paid price per {@code paidUnit} units. {@code r} null: stack-wide.
   */
  private void tiered(
      GraphResource r,
      String item,
      BigDecimal quantity,
      BigDecimal allowance,
      String freeId,
      String paidId,
      BigDecimal paidUnit) {
    var used = freeUsed.getOrDefault(freeId, BigDecimal.ZERO);
    var free = quantity.min(allowance.subtract(used).max(BigDecimal.ZERO));
    freeUsed.put(freeId, used.add(free));
    var label = item + " (free tier: " + allowance.toPlainString() + " a month)";
    if (r == null) {
      stackLine(freeId, label, free);
    } else {
      line(r, freeId, label, free);
    }
    var paid = quantity.subtract(free);
    if (paid.signum() > 0) {
      var units = paid.divide(paidUnit, 6, RoundingMode.HALF_UP);
      if (r == null) {
        stackLine(paidId, item + " beyond the free tier", units);
      } else {
        line(r, paidId, item + " beyond the free tier", units);
      }
    }
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
