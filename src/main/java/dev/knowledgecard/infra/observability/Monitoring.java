package dev.knowledgecard.infra.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Alarms on the service, load balancer, database and cache (each with alarm and OK actions on the
 * alarm topic), EventBridge rules that send ECS deployment failures, circuit-breaker rollbacks and
 * RDS failure/failover events to the same topic, and one dashboard per stack.
 *
 * <p>Periods: load balancer and service alarms look at 1-minute datapoints and fire on 3 (5xx,
 * latency, unhealthy hosts) or 5 (CPU, memory) bad minutes out of 5, which rides out a deployment's
 * blips; database and cache alarms use 5-minute datapoints. Missing data is "not breaching" for
 * "too high" alarms (no traffic is not an error) and "breaching" for "too little left" alarms on
 * the database (a database that stops reporting is not healthy).
 *
 * <pre>{@code
 * var monitoring = new Monitoring("staging-monitoring", new MonitoringArgs(topic.topicArn(),
 *     config.alarms(), service, loadBalancer, database, cache, network.natGroupNames()),
 *     context, options);
 * monitoring.dashboardUrl();
 * }</pre>
 */
public final class Monitoring extends ComponentResource {
  public static final String TYPE = "knowledge-card:observability:Monitoring";

  static final String NOT_BREACHING = "notBreaching";
  static final String BREACHING = "breaching";
  private static final int MINUTE = 60;
  private static final int FIVE_MINUTES = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final MonitoringArgs args;
  private final StackContext context;
  private final CustomResourceOptions child;
  private final List<Output<String>> alarmArns = new ArrayList<>();
  private final Output<String> dashboardUrl;
  private final Output<String> dashboardName;

  public Monitoring(
      String name, MonitoringArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.name = name;
    this.args = args;
    this.context = context;
    this.child = CustomResourceOptions.builder().parent(this).build();

    serviceAlarms();
    loadBalancerAlarms();
    databaseAlarms();
    cacheAlarms();
    natAlarms();
    eventRules();

    var dashboard =
        new Dashboard(
            name + "-dashboard",
            DashboardArgs.builder()
                // Unique in the account: the stack's prefix, e.g. knowledge-card-staging.
                .dashboardName(context.namePrefix())
                .dashboardBody(dashboardBody())
                .build(),
            child);
    this.dashboardName = dashboard.dashboardName();
    this.dashboardUrl =
        dashboard
            .dashboardName()
            .applyValue(
                n ->
                    "https://"
                        + context.region()
                        + ".console.aws.amazon.com/cloudwatch/home?region="
                        + context.region()
                        + "#dashboards/dashboard/"
                        + n);
    registerOutputs(Map.of("dashboardName", dashboardName, "dashboardUrl", dashboardUrl));
  }

  /** The console URL of the stack's dashboard. */
  public Output<String> dashboardUrl() {
    return dashboardUrl;
  }

  public Output<String> dashboardName() {
    return dashboardName;
  }

  private void serviceAlarms() {
    var t = args.thresholds();
    var dims = serviceDimensions();
    alarm(
        "ecs-cpu-high",
        "ECS service average CPU above " + t.cpuPercent() + "% for 5 minutes: scale out or profile",
        a ->
            a.namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .dimensions(dims)
                .statistic("Average")
                .period(MINUTE)
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.cpuPercent())
                .treatMissingData(NOT_BREACHING));
    alarm(
        "ecs-memory-high",
        "ECS service average memory above "
            + t.memoryPercent()
            + "% for 5 minutes: tasks risk OOM kills",
        a ->
            a.namespace("AWS/ECS")
                .metricName("MemoryUtilization")
                .dimensions(dims)
                .statistic("Average")
                .period(MINUTE)
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.memoryPercent())
                .treatMissingData(NOT_BREACHING));
  }

  private void loadBalancerAlarms() {
    var t = args.thresholds();
    var lb = args.loadBalancer();
    var targetDims =
        Output.tuple(lb.loadBalancerArnSuffix(), lb.targetGroupArnSuffix())
            .applyValue(p -> Map.of("LoadBalancer", p.t1, "TargetGroup", p.t2));
    var lbDims = lb.loadBalancerArnSuffix().applyValue(s -> Map.of("LoadBalancer", s));
    alarm(
        "unhealthy-hosts",
        "Targets failing the /api/health check in 3 of 5 minutes",
        a ->
            elb(a, "UnHealthyHostCount", targetDims)
                .statistic("Maximum")
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0.0));
    alarm(
        "target-5xx",
        "More than " + t.http5xxCount() + " 5xx responses from the app per minute, 3 of 5 minutes",
        a ->
            elb(a, "HTTPCode_Target_5XX_Count", targetDims)
                .statistic("Sum")
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.http5xxCount()));
    alarm(
        "elb-5xx",
        "More than "
            + t.http5xxCount()
            + " 5xx responses generated by the load balancer per minute (no healthy target,"
            + " timeouts), 3 of 5 minutes",
        a ->
            elb(a, "HTTPCode_ELB_5XX_Count", lbDims)
                .statistic("Sum")
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.http5xxCount()));
    alarm(
        "response-time-high",
        "p95 target response time above " + t.responseTimeSeconds() + " s, 3 of 5 minutes",
        a ->
            elb(a, "TargetResponseTime", targetDims)
                .extendedStatistic("p95")
                .comparisonOperator("GreaterThanThreshold")
                .threshold(t.responseTimeSeconds()));
  }

  private static MetricAlarmArgs.Builder elb(
      MetricAlarmArgs.Builder a, String metric, Output<Map<String, String>> dims) {
    return a.namespace("AWS/ApplicationELB")
        .metricName(metric)
        .dimensions(dims)
        .period(MINUTE)
        .evaluationPeriods(5)
        .datapointsToAlarm(3)
        .treatMissingData(NOT_BREACHING);
  }

  private void databaseAlarms() {
    var t = args.thresholds();
    var dims =
        args.database().instanceIdentifier().applyValue(id -> Map.of("DBInstanceIdentifier", id));
    alarm(
        "db-cpu-high",
        "Database CPU above " + t.dbCpuPercent() + "% for 15 minutes",
        a ->
            rds(a, "CPUUtilization", dims, 3)
                .statistic("Average")
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.dbCpuPercent())
                .treatMissingData(NOT_BREACHING));
    alarm(
        "db-free-storage-low",
        "Database free storage below "
            + (long) t.dbFreeStorageBytes()
            + " bytes: storage autoscaling may be at its ceiling",
        a ->
            rds(a, "FreeStorageSpace", dims, 1)
                .statistic("Minimum")
                .comparisonOperator("LessThanThreshold")
                .threshold(t.dbFreeStorageBytes())
                .treatMissingData(BREACHING));
    alarm(
        "db-freeable-memory-low",
        "Database freeable memory below " + (long) t.dbFreeableMemoryBytes() + " bytes for 15 min",
        a ->
            rds(a, "FreeableMemory", dims, 3)
                .statistic("Average")
                .comparisonOperator("LessThanThreshold")
                .threshold(t.dbFreeableMemoryBytes())
                .treatMissingData(BREACHING));
    alarm(
        "db-connections-high",
        "More than " + t.dbConnections() + " database connections for 10 minutes",
        a ->
            rds(a, "DatabaseConnections", dims, 2)
                .statistic("Maximum")
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) t.dbConnections())
                .treatMissingData(NOT_BREACHING));
  }

  private static MetricAlarmArgs.Builder rds(
      MetricAlarmArgs.Builder a, String metric, Output<Map<String, String>> dims, int periods) {
    return a.namespace("AWS/RDS")
        .metricName(metric)
        .dimensions(dims)
        .period(FIVE_MINUTES)
        .evaluationPeriods(periods)
        .datapointsToAlarm(periods);
  }

  private void cacheAlarms() {
    var t = args.thresholds();
    var cache = args.cache();
    for (int i = 0; i < cache.nodeCount(); i++) {
      int index = i;
      var member = String.format("%03d", i + 1);
      var dims =
          cache
              .memberClusterIds()
              .applyValue(ids -> Map.of("CacheClusterId", memberAt(ids, index)));
      alarm(
          "cache-cpu-high-" + member,
          "Redis engine CPU of node " + member + " above " + t.cacheCpuPercent() + "% for 15 min",
          a ->
              cache(a, "EngineCPUUtilization", dims, 3)
                  .statistic("Average")
                  .comparisonOperator("GreaterThanThreshold")
                  .threshold((double) t.cacheCpuPercent()));
      alarm(
          "cache-memory-high-" + member,
          "Redis memory of node " + member + " above " + t.cacheMemoryPercent() + "% for 10 min",
          a ->
              cache(a, "DatabaseMemoryUsagePercentage", dims, 2)
                  .statistic("Maximum")
                  .comparisonOperator("GreaterThanThreshold")
                  .threshold((double) t.cacheMemoryPercent()));
      alarm(
          "cache-evictions-" + member,
          "Redis node "
              + member
              + " evicted more than "
              + t.cacheEvictions()
              + " keys in 5 minutes: queue jobs and cached data are being lost",
          a ->
              cache(a, "Evictions", dims, 1)
                  .statistic("Sum")
                  .comparisonOperator("GreaterThanThreshold")
                  .threshold((double) t.cacheEvictions()));
    }
  }

  /**
   * A zone without a NAT instance in service has no egress (its private subnets route only there):
   * alarm after 3 minutes, the Auto Scaling group's replacement being under way or stuck. Missing
   * data counts as down: a group that stopped reporting serves nobody.
   */
  private void natAlarms() {
    args.natGroupNames()
        .forEach(
            (zone, group) ->
                alarm(
                    "nat-unhealthy-" + zone,
                    "No NAT instance in service in "
                        + zone
                        + " for 3 minutes: that zone's private subnets have no internet egress",
                    a ->
                        a.namespace("AWS/AutoScaling")
                            .metricName("GroupInServiceInstances")
                            .dimensions(group.applyValue(g -> Map.of("AutoScalingGroupName", g)))
                            .statistic("Minimum")
                            .period(MINUTE)
                            .evaluationPeriods(3)
                            .datapointsToAlarm(3)
                            .comparisonOperator("LessThanThreshold")
                            .threshold(1.0)
                            .treatMissingData("breaching")));
  }

  private static String memberAt(List<String> ids, int index) {
    if (index >= ids.size()) {
      throw new IllegalStateException(
          "cache has " + ids.size() + " member clusters, monitoring expected " + (index + 1));
    }
    return ids.get(index);
  }

  private static MetricAlarmArgs.Builder cache(
      MetricAlarmArgs.Builder a, String metric, Output<Map<String, String>> dims, int periods) {
    return a.namespace("AWS/ElastiCache")
        .metricName(metric)
        .dimensions(dims)
        .period(FIVE_MINUTES)
        .evaluationPeriods(periods)
        .datapointsToAlarm(periods)
        .treatMissingData(NOT_BREACHING);
  }

  /** Every alarm notifies the topic when it fires and when it recovers (CloudWatch.15). */
  private void alarm(String suffix, String description, Consumer<MetricAlarmArgs.Builder> spec) {
    var builder =
        MetricAlarmArgs.builder()
            .alarmDescription(description)
            .alarmActions(args.topicArn().applyValue(List::of))
            .okActions(args.topicArn().applyValue(List::of));
    spec.accept(builder);
    var alarm = new MetricAlarm(name + "-" + suffix, builder.build(), child);
    alarmArns.add(alarm.arn());
  }

  private void eventRules() {
    var service = args.service();
    var serviceArn =
        Output.tuple(service.clusterName(), service.serviceName())
            .applyValue(p -> context.arn("ecs", "service/" + p.t1 + "/" + p.t2));
    rule(
        "ecs-deployment-failed",
        "ECS deployment of the app failed (including circuit-breaker failures)",
        serviceArn,
        "aws.ecs",
        "ECS Deployment State Change",
        detail -> detail.putArray("eventName").add("SERVICE_DEPLOYMENT_FAILED"));
    rule(
        "ecs-rollback",
        "ECS deployment circuit breaker is rolling the app back",
        serviceArn,
        "aws.ecs",
        "ECS Deployment State Change",
        detail -> {
          detail.putArray("eventName").add("SERVICE_DEPLOYMENT_IN_PROGRESS");
          detail
              .putArray("reason")
              .addObject()
              .put("prefix", "ECS deployment circuit breaker: rolling back");
        });
    rule(
        "ecs-service-errors",
        "ECS cannot place or start the app's tasks",
        serviceArn,
        "aws.ecs",
        "ECS Service Action",
        detail -> detail.putArray("eventType").add("ERROR"));
    rule(
        "rds-failure",
        "The database failed, failed over or is running out of storage",
        args.database().instanceArn(),
        "aws.rds",
        "RDS DB Instance Event",
        detail ->
            detail.putArray("EventCategories").add("failure").add("failover").add("low storage"));
  }

  /**
   * Sends events of one source, detail type and resource, matching {@code detail}, to the topic.
   */
  private void rule(
      String suffix,
      String description,
      Output<String> resourceArn,
      String source,
      String detailType,
      Consumer<ObjectNode> detail) {
    var eventPattern =
        resourceArn.applyValue(
            arn -> {
              var pattern = JSON.createObjectNode();
              pattern.putArray("source").add(source);
              pattern.putArray("detail-type").add(detailType);
              pattern.putArray("resources").add(arn);
              detail.accept(pattern.putObject("detail"));
              return write(pattern);
            });
    var rule =
        new EventRule(
            name + "-" + suffix,
            EventRuleArgs.builder().description(description).eventPattern(eventPattern).build(),
            child);
    new EventTarget(
        name + "-" + suffix + "-to-topic",
        EventTargetArgs.builder().rule(rule.name()).arn(args.topicArn()).build(),
        child);
  }

  private Output<Map<String, String>> serviceDimensions() {
    return Output.tuple(args.service().clusterName(), args.service().serviceName())
        .applyValue(p -> Map.of("ClusterName", p.t1, "ServiceName", p.t2));
  }

  private Output<String> dashboardBody() {
    var lb = args.loadBalancer();
    var names =
        Output.tuple(
            Output.tuple(lb.loadBalancerArnSuffix(), lb.targetGroupArnSuffix()),
            Output.tuple(args.service().clusterName(), args.service().serviceName()),
            args.database().instanceIdentifier(),
            args.cache().memberClusterIds(),
            Output.all(alarmArns));
    return names.applyValue(
        n ->
            write(
                DashboardBody.render(
                    context.region(),
                    new DashboardBody.Names(
                        n.t1.t1, n.t1.t2, n.t2.t1, n.t2.t2, n.t3, n.t4, n.t5))));
  }

  static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What deploying the alarms, dashboard and event rules needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(MetricAlarm.class, Dashboard.class, EventRule.class, EventTarget.class)
        .build();
  }
}
