package dev.knowledgecard.infra.report.cost;

import static dev.knowledgecard.infra.graph.AwsTypes.LAUNCH_TEMPLATE;
import static dev.knowledgecard.infra.graph.AwsTypes.SCALING_TARGET;
import static dev.knowledgecard.infra.graph.AwsTypes.TASK_DEFINITION;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.AutoscalingGroup;
import dev.knowledgecard.infra.graph.aws.EcsCluster;
import dev.knowledgecard.infra.graph.aws.EcsService;
import dev.knowledgecard.infra.graph.aws.LambdaFunction;
import dev.knowledgecard.infra.graph.aws.LaunchTemplate;
import dev.knowledgecard.infra.graph.aws.ScalingTarget;
import dev.knowledgecard.infra.graph.aws.TaskDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.stream.StreamSupport;

/** Prices compute: NAT instances, Fargate tasks, Container Insights and Lambda functions. */
final class ComputeCosts {
  private static final BigDecimal GIB = BigDecimal.valueOf(1024);

  private final CostLedger ledger;

  ComputeCosts(CostLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * An Auto Scaling group's running instances: the first instance type it launches (on demand, in
   * priority order), the EBS volumes of its launch template, and a public IPv4 address when the
   * template assigns one.
   */
  void instances(GraphResource group) {
    var count =
        AutoscalingGroup.DESIRED_CAPACITY
            .of(group)
            .asInt(AutoscalingGroup.MIN_SIZE.of(group).asInt(0));
    var templates =
        new ArrayList<>(
            ledger.graph().referenced(group, AutoscalingGroup.LAUNCH_TEMPLATE_ID, LAUNCH_TEMPLATE));
    templates.addAll(
        ledger.graph().referenced(group, AutoscalingGroup.MIXED_TEMPLATE_ID, LAUNCH_TEMPLATE));
    if (templates.isEmpty()) {
      ledger.unknown(group, "its launch template is not in the graph");
      return;
    }
    var template = templates.get(0);
    var overrides = AutoscalingGroup.MIXED_OVERRIDES.of(group);
    var type =
        overrides.size() > 0
            ? AutoscalingGroup.OVERRIDE_INSTANCE_TYPE.in(overrides.get(0)).asText("")
            : LaunchTemplate.INSTANCE_TYPE.of(template).asText("");
    var id = "ec2." + type + ".hour";
    var instanceHours = ledger.hours().multiply(BigDecimal.valueOf(count));
    if (ledger.prices().price(id).isEmpty()) {
      ledger.unknown(group, "no price for instance type " + (type.isEmpty() ? "(unset)" : type));
    } else {
      ledger.line(
          group, id, type + " instance-hours (" + count + " x 730 h, on demand)", instanceHours);
    }
    for (var mapping : LaunchTemplate.BLOCK_DEVICE_MAPPINGS.of(template)) {
      var volumeType = LaunchTemplate.MAPPING_VOLUME_TYPE.in(mapping).asText("");
      var size = LaunchTemplate.MAPPING_VOLUME_SIZE.in(mapping).asInt(0);
      if (!"gp3".equals(volumeType) || size == 0) {
        ledger.unknown(
            group,
            "volume "
                + LaunchTemplate.MAPPING_DEVICE_NAME.in(mapping).asText("?")
                + ": no price for "
                + (volumeType.isEmpty() ? "an unset volume type" : volumeType)
                + (size == 0 ? " of the image's size" : ""));
        continue;
      }
      ledger.line(
          group,
          "ebs.gp3.gbMonth",
          "gp3 root volume (" + size + " GB x " + count + ")",
          BigDecimal.valueOf((long) size * count));
    }
    for (var nic : LaunchTemplate.NETWORK_INTERFACES.of(template)) {
      if ("true".equals(LaunchTemplate.INTERFACE_PUBLIC_IP.in(nic).asText(""))) {
        ledger.line(
            group,
            "publicIpv4.hour",
            "public IPv4 of the primary interface (" + count + " instances)",
            instanceHours);
      }
    }
  }

  /** Container Insights: custom metrics per cluster, service and running task family, and logs. */
  void containerInsights(GraphResource cluster) {
    var enabled =
        StreamSupport.stream(EcsCluster.SETTINGS.of(cluster).spliterator(), false)
            .anyMatch(
                s ->
                    "containerInsights".equals(EcsCluster.SETTINGS_NAME.in(s).asText(""))
                        && !"disabled".equals(EcsCluster.SETTINGS_VALUE.in(s).asText("disabled")));
    if (!enabled) {
      return;
    }
    var graph = ledger.graph();
    var usage = ledger.usage();
    var services = graph.referencing(cluster, EcsService.CLUSTER);
    var families =
        services.stream()
            .flatMap(s -> graph.referenced(s, EcsService.TASK_DEFINITION, TASK_DEFINITION).stream())
            .map(t -> TaskDefinition.FAMILY.of(t).asText(t.name()))
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
    ledger.line(
        cluster,
        "cloudwatch.customMetricMonth",
        "Container Insights metrics (1 cluster, "
            + services.size()
            + " services, "
            + families
            + " task families)",
        metrics);
    ledger.line(
        cluster,
        "logs.ingestGb",
        "Container Insights performance log ingestion (GB)",
        usage.value(UsageAssumptions.INSIGHTS_LOG_GB));
  }

  /** Requests and compute, within the account's free tier first. */
  void lambda(GraphResource r) {
    var invocations = ledger.usage().value(UsageAssumptions.LAMBDA_INVOCATIONS);
    var memoryGb =
        BigDecimal.valueOf(LambdaFunction.MEMORY_SIZE.of(r).asInt(128))
            .divide(GIB, 4, RoundingMode.HALF_UP);
    var seconds =
        ledger
            .usage()
            .value(UsageAssumptions.LAMBDA_DURATION_MS)
            .divide(CostLedger.THOUSAND, 4, RoundingMode.HALF_UP);
    var arch =
        StackGraph.texts(LambdaFunction.ARCHITECTURES.of(r)).contains("arm64") ? "ARM64" : "X86_64";
    ledger.tiered(
        r,
        "requests",
        invocations,
        CostLedger.MILLION,
        "lambda.freeRequests",
        "lambda.per1MRequests",
        CostLedger.MILLION);
    ledger.tiered(
        r,
        "compute (GB-seconds, " + LambdaFunction.MEMORY_SIZE.of(r).asInt(128) + " MB " + arch + ")",
        invocations.multiply(seconds).multiply(memoryGb),
        BigDecimal.valueOf(400_000),
        "lambda.freeGbSeconds",
        "lambda." + arch + ".gbSecond",
        BigDecimal.ONE);
  }

  void service(GraphResource r) {
    var spot = EcsService.CAPACITY_PROVIDER_STRATEGIES.of(r).toString().contains("FARGATE_SPOT");
    if (spot) {
      ledger.unknown(r, "Fargate Spot prices float; the table has no fixed price");
      return;
    }
    var task =
        ledger.graph().referenced(r, EcsService.TASK_DEFINITION, TASK_DEFINITION).stream()
            .findFirst();
    if (task.isEmpty()) {
      ledger.unknown(r, "its task definition is not in the graph");
      return;
    }
    var t = task.get();
    var arch = TaskDefinition.CPU_ARCHITECTURE.of(t).asText("X86_64");
    var vcpu =
        new BigDecimal(TaskDefinition.CPU.of(t).asText("0")).divide(GIB, 4, RoundingMode.HALF_UP);
    var gb =
        new BigDecimal(TaskDefinition.MEMORY.of(t).asText("0"))
            .divide(GIB, 4, RoundingMode.HALF_UP);
    var count = runningTasks(r);
    var vcpuId = "fargate." + arch + ".vcpuHour";
    var gbId = "fargate." + arch + ".gbHour";
    if (ledger.prices().price(vcpuId).isEmpty() || ledger.prices().price(gbId).isEmpty()) {
      ledger.unknown(r, "no Fargate price for architecture " + arch);
      return;
    }
    var taskHours = ledger.hours().multiply(BigDecimal.valueOf(count));
    var shape = count + " tasks x " + vcpu.stripTrailingZeros().toPlainString() + " vCPU " + arch;
    ledger.line(r, vcpuId, "Fargate vCPU-hours (" + shape + ")", taskHours.multiply(vcpu));
    ledger.line(
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
    var desired = EcsService.DESIRED_COUNT.of(service).asInt(0);
    var names = new HashSet<>(StackGraph.identifiers(service));
    names.add(service.name());
    var minimum =
        ledger.graph().all(SCALING_TARGET).stream()
            .filter(
                t -> {
                  var id = ScalingTarget.RESOURCE_ID.of(t).asText("");
                  return names.stream().anyMatch(n -> id.endsWith("/" + n));
                })
            .mapToInt(t -> ScalingTarget.MIN_CAPACITY.of(t).asInt(0))
            .max()
            .orElse(0);
    return Math.max(desired, minimum);
  }
}
