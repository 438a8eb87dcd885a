package dev.knowledgecard.infra.report.cost;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.CacheCluster;
import dev.knowledgecard.infra.graph.aws.EventRule;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.graph.aws.LogGroup;
import dev.knowledgecard.infra.graph.aws.RdsInstance;
import dev.knowledgecard.infra.graph.aws.ReplicationGroup;
import dev.knowledgecard.infra.graph.aws.SnsSubscription;
import dev.knowledgecard.infra.graph.aws.VpcEndpoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;

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

  private static final int FREE_BUDGETS = 2;
  private static final int FREE_DASHBOARDS = 3;
  private static final BigDecimal FREE_EGRESS_GB = BigDecimal.valueOf(100);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackGraph graph;
  private final PriceTable prices;
  private final UsageAssumptions usage;
  private final CostLedger ledger;
  private final ComputeCosts compute;

  private CostModel(StackGraph graph, PriceTable prices, UsageAssumptions usage) {
    this.graph = graph;
    this.prices = prices;
    this.usage = usage;
    this.ledger = new CostLedger(graph, prices, usage);
    this.compute = new ComputeCosts(ledger);
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
        model.ledger.lines,
        model.ledger.unknowns,
        usage);
  }

  private void run() {
    var resources = graph.cloudResources();
    if (!prices.region().equals(graph.region())) {
      for (var r : resources) {
        if (!prices.noCharge().containsKey(r.type())) {
          ledger.unknown(
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
        case EIP -> ledger.line(r, "publicIpv4.hour", "public IPv4 address hours", ledger.hours());
        case LOAD_BALANCER -> loadBalancer(r);
        case VPC_ENDPOINT -> endpoint(r);
        case RDS_INSTANCE -> database(r);
        case REPLICATION_GROUP ->
            cache(
                r, ReplicationGroup.nodes(r), ReplicationGroup.NODE_TYPE, ReplicationGroup.ENGINE);
        case CACHE_CLUSTER ->
            cache(
                r,
                CacheCluster.NUM_CACHE_NODES.of(r).asInt(1),
                CacheCluster.NODE_TYPE,
                CacheCluster.ENGINE);
        case AUTOSCALING_GROUP -> compute.instances(r);
        case ECS_CLUSTER -> compute.containerInsights(r);
        case BUCKET -> bucket(r);
        case SNS_TOPIC -> topic(r);
        case DASHBOARD -> {
          dashboards++;
          if (dashboards <= FREE_DASHBOARDS) {
            ledger.line(
                r,
                "cloudwatch.dashboard.firstThree",
                "dashboard (one of the account's first 3, free)",
                BigDecimal.ONE);
          } else {
            ledger.line(r, "cloudwatch.dashboardMonth", "dashboard", BigDecimal.ONE);
          }
        }
        case EVENT_RULE -> eventRule(r);
        case LAMBDA_FUNCTION -> compute.lambda(r);
        case ECS_SERVICE -> compute.service(r);
        case ECR_REPOSITORY ->
            ledger.line(
                r, "ecr.gbMonth", "image storage (GB-month)", usage.value(UsageAssumptions.ECR_GB));
        case SECRET -> ledger.line(r, "secretsManager.secretMonth", "secret", BigDecimal.ONE);
        case KMS_KEY -> ledger.line(r, "kms.keyMonth", "customer key", BigDecimal.ONE);
        case METRIC_ALARM ->
            ledger.line(r, "cloudwatch.alarmMonth", "standard alarm", BigDecimal.ONE);
        case ROUTE53_ZONE -> ledger.line(r, "route53.zoneMonth", "hosted zone", BigDecimal.ONE);
        case LOG_GROUP -> logGroup(r, logGroups.size());
        case BUDGET -> {
          budgets++;
          if (budgets <= FREE_BUDGETS) {
            ledger.line(
                r, "budgets.firstTwo", "budget (one of the first two, free)", BigDecimal.ONE);
          } else {
            ledger.unknown(r, "only the first two budgets are free; the table has no price beyond");
          }
        }
        default -> {
          if (!prices.noCharge().containsKey(r.type())) {
            ledger.unknown(
                r, "no price for " + r.type() + " in the price table (usage-billed or not listed)");
          }
        }
      }
    }
    ledger.tiered(
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
      ledger.stackLine(
          "secretsManager.per10kCalls",
          "Secrets Manager API calls (per 10,000)",
          usage.value(UsageAssumptions.SECRETS_CALLS).divide(BigDecimal.valueOf(10_000)));
    }
  }

  private void natGateway(GraphResource r) {
    ledger.line(r, "natGateway.hour", "NAT gateway hours", ledger.hours());
    var nats = BigDecimal.valueOf(graph.all(NAT_GATEWAY).size());
    ledger.line(
        r,
        "natGateway.gb",
        "NAT data processed (GB, share of " + usage.value(UsageAssumptions.NAT_GB) + " GB)",
        usage.value(UsageAssumptions.NAT_GB).divide(nats, 4, RoundingMode.HALF_UP));
  }

  private void loadBalancer(GraphResource r) {
    var type = LoadBalancer.LOAD_BALANCER_TYPE.of(r).asText("application");
    if (!"application".equals(type)) {
      ledger.unknown(r, "no price for a " + type + " load balancer in the table");
      return;
    }
    ledger.line(r, "alb.hour", "load balancer hours", ledger.hours());
    ledger.line(
        r,
        "alb.lcuHour",
        "LCU-hours (" + usage.value(UsageAssumptions.ALB_LCU) + " LCU average)",
        ledger.hours().multiply(usage.value(UsageAssumptions.ALB_LCU)));
    if (!LoadBalancer.INTERNAL.of(r).asBoolean(false)) {
      var zones =
          Math.max(LoadBalancer.SUBNETS.of(r).size(), LoadBalancer.SUBNET_MAPPINGS.of(r).size());
      ledger.line(
          r,
          "publicIpv4.hour",
          "public IPv4 hours (" + zones + " AZs)",
          ledger.hours().multiply(BigDecimal.valueOf(zones)));
    }
  }

  private void endpoint(GraphResource r) {
    var type = VpcEndpoint.VPC_ENDPOINT_TYPE.of(r).asText("Gateway");
    if ("Gateway".equals(type)) {
      ledger.line(r, "vpcEndpoint.gateway", "gateway endpoint", BigDecimal.ONE);
    } else if ("Interface".equals(type)) {
      var zones = VpcEndpoint.SUBNET_IDS.of(r).size();
      ledger.line(
          r,
          "vpcEndpoint.interface.azHour",
          "interface endpoint AZ-hours (" + zones + " AZs)",
          ledger.hours().multiply(BigDecimal.valueOf(zones)));
      ledger.line(
          r,
          "vpcEndpoint.interface.gb",
          "interface endpoint data (GB)",
          usage.value(UsageAssumptions.ENDPOINT_GB));
    } else {
      ledger.unknown(r, "no price for a " + type + " endpoint in the table");
    }
  }

  private static boolean managesMasterSecret(GraphResource db) {
    return RdsInstance.MANAGE_MASTER_USER_PASSWORD.of(db).asBoolean(false);
  }

  private void database(GraphResource r) {
    var engine = RdsInstance.ENGINE.of(r).asText("");
    var instanceClass = RdsInstance.INSTANCE_CLASS.of(r).asText("");
    var multiAz = RdsInstance.MULTI_AZ.of(r).asBoolean(false);
    if (!engine.startsWith("postgres")) {
      ledger.unknown(
          r,
          "the table prices PostgreSQL only; engine is " + (engine.isEmpty() ? "unset" : engine));
    } else {
      var id = "rds." + instanceClass + "." + (multiAz ? "multiAz" : "singleAz") + ".hour";
      if (prices.price(id).isPresent()) {
        ledger.line(
            r,
            id,
            instanceClass + (multiAz ? " Multi-AZ" : " single-AZ") + " hours",
            ledger.hours());
      } else {
        ledger.unknown(
            r, "no price for instance class " + instanceClass + (multiAz ? " Multi-AZ" : ""));
      }
    }
    var storageType = RdsInstance.STORAGE_TYPE.of(r).asText("");
    var gb = RdsInstance.ALLOCATED_STORAGE.of(r).asInt(0);
    if ("gp3".equals(storageType)) {
      var copies = multiAz ? 2 : 1;
      ledger.line(
          r,
          "rds.gp3.gbMonth",
          "gp3 storage (" + gb + " GB x " + copies + (copies == 2 ? " copies)" : " copy)"),
          BigDecimal.valueOf((long) gb * copies));
    } else {
      ledger.unknown(
          r,
          "storage: no price for storageType "
              + (storageType.isEmpty() ? "unset (AWS picks gp2)" : storageType));
    }
    if (managesMasterSecret(r)) {
      ledger.line(r, "secretsManager.secretMonth", "RDS-managed master secret", BigDecimal.ONE);
    }
  }

  private void cache(GraphResource r, int nodes, Prop nodeTypeInput, Prop engineInput) {
    var nodeType = nodeTypeInput.of(r).asText("");
    var engine = engineInput.of(r).asText("redis");
    var id = "elasticache." + engine + "." + nodeType + ".hour";
    if (prices.price(id).isEmpty()) {
      ledger.unknown(
          r,
          "no price for "
              + engine
              + " cache node type "
              + (nodeType.isEmpty() ? "(unset)" : nodeType));
      return;
    }
    ledger.line(
        r,
        id,
        engine + " " + nodeType + " node-hours (" + nodes + " nodes)",
        ledger.hours().multiply(BigDecimal.valueOf(nodes)));
  }

  private void bucket(GraphResource r) {
    ledger.line(
        r,
        "s3.standard.gbMonth",
        "S3 Standard storage (GB-month)",
        usage.value(UsageAssumptions.S3_GB));
    ledger.line(
        r,
        "s3.per1kPut",
        "PUT/LIST requests (thousands)",
        usage.value(UsageAssumptions.S3_PUTS).divide(CostLedger.THOUSAND));
    ledger.line(
        r,
        "s3.per1kGet",
        "GET requests (thousands)",
        usage.value(UsageAssumptions.S3_GETS).divide(CostLedger.THOUSAND));
  }

  /** Publishes, and deliveries by protocol (to Lambda and SQS they are free). */
  private void topic(GraphResource r) {
    var publishes = usage.value(UsageAssumptions.SNS_PUBLISHES);
    ledger.tiered(
        r,
        "publishes",
        publishes,
        CostLedger.MILLION,
        "sns.freePublishes",
        "sns.per1MPublishes",
        CostLedger.MILLION);
    var subscriptions = graph.referencing(r, SnsSubscription.TOPIC);
    var email =
        subscriptions.stream()
            .filter(x -> SnsSubscription.PROTOCOL.of(x).asText("").startsWith("email"))
            .count();
    var https =
        subscriptions.stream()
            .filter(x -> SnsSubscription.PROTOCOL.of(x).asText("").startsWith("http"))
            .count();
    if (email > 0) {
      ledger.tiered(
          r,
          "email deliveries (" + email + " subscriptions)",
          publishes.multiply(BigDecimal.valueOf(email)),
          CostLedger.THOUSAND,
          "sns.freeEmailDeliveries",
          "sns.per100kEmailDeliveries",
          BigDecimal.valueOf(100_000));
    }
    if (https > 0) {
      ledger.line(
          r,
          "sns.per1MHttpsDeliveries",
          "HTTPS deliveries (millions, " + https + " subscriptions)",
          publishes.multiply(BigDecimal.valueOf(https)).divide(CostLedger.MILLION));
    }
  }

  /** Rules matching events from AWS services on the default bus are free; others are unknown. */
  private void eventRule(GraphResource r) {
    var bus = EventRule.EVENT_BUS_NAME.of(r).asText("default");
    var sources = new ArrayList<String>();
    try {
      var pattern = JSON.readTree(EventRule.EVENT_PATTERN.of(r).asText("{}"));
      sources.addAll(StackGraph.texts(pattern.path("source")));
    } catch (JsonProcessingException e) {
      ledger.unknown(r, "event pattern not readable offline");
      return;
    }
    if ("default".equals(bus)
        && !sources.isEmpty()
        && sources.stream().allMatch(x -> x.startsWith("aws."))) {
      ledger.line(
          r,
          "eventBridge.awsServiceEvents",
          "rule on AWS service events " + sources + " (default bus, free)",
          BigDecimal.ONE);
    } else {
      ledger.unknown(r, "custom events or a custom bus: no usage assumption for their volume");
    }
  }

  private void logGroup(GraphResource r, int groups) {
    var share =
        usage
            .value(UsageAssumptions.LOG_GB)
            .divide(BigDecimal.valueOf(groups), 4, RoundingMode.HALF_UP);
    ledger.line(r, "logs.ingestGb", "log ingestion (GB, 1/" + groups + " of the stack's)", share);
    var days = LogGroup.RETENTION_IN_DAYS.of(r).asInt(0);
    if (days > 0) {
      // Steady state: a month's ingestion times the months it is kept.
      var stored =
          share
              .multiply(BigDecimal.valueOf(days))
              .divide(BigDecimal.valueOf(30), 4, RoundingMode.HALF_UP);
      ledger.line(
          r, "logs.storedGbMonth", "log storage (GB-month, " + days + " days kept)", stored);
    } else {
      ledger.unknown(r, "kept forever: stored volume grows without bound");
    }
  }
}
