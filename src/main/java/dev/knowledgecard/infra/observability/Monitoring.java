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
 * var monitoring = new Monitoring("staging-monitoring", MonitoringArgs.builder()
 *     .topicArn(topic.topicArn())
 *     ... // the service's, load balancer's, database's and cache's names: see MonitoringArgs
 *     .build(), context, options);
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
    registerOutputs(
        Map.of("dashboardName", dashboard.dashboardName(), "dashboardUrl", dashboardUrl));
  }

  /** The console URL of the stack's dashboard. */
  public Output<String> dashboardUrl() {
    return dashboardUrl;
  }

  private void serviceAlarms() {
    var t = args.thresholds();
    alarm(
        "ecs-cpu-high",
        "ECS service average CPU above " + t.cpuPercent() + "% for 5 minutes: scale out or profile",
        ecs("CPUUtilization"),
        above(t.cpuPercent(), "Average"));
    alarm(
        "ecs-memory-high",
        "ECS service average memory above "
            + t.memoryPercent()
            + "% for 5 minutes: tasks risk OOM kills",
        ecs("MemoryUtilization"),
        above(t.memoryPercent(), "Average"));
  }

  /** Service metrics: 1-minute datapoints, the alarm fires when all of the last 5 are bad. */
  private Consumer<MetricAlarmArgs.Builder> ecs(String metric) {
    var dims =
        Output.tuple(args.clusterName(), args.serviceName())
            .applyValue(p -> Map.of("ClusterName", p.t1, "ServiceName", p.t2));
    return metric("AWS/ECS", metric, dims, MINUTE, 5, 5);
  }

  private void loadBalancerAlarms() {
    var t = args.thresholds();
    var targetDims =
        Output.tuple(args.loadBalancerArnSuffix(), args.targetGroupArnSuffix())
            .applyValue(p -> Map.of("LoadBalancer", p.t1, "TargetGroup", p.t2));
    var lbDims = args.loadBalancerArnSuffix().applyValue(s -> Map.of("LoadBalancer", s));
    alarm(
        "unhealthy-hosts",
        "Targets failing the /api/health check in 3 of 5 minutes",
        elb("UnHealthyHostCount", targetDims),
        above(0, "Maximum"));
    alarm(
        "target-5xx",
        "More than " + t.http5xxCount() + " 5xx responses from the app per minute, 3 of 5 minutes",
        elb("HTTPCode_Target_5XX_Count", targetDims),
        above(t.http5xxCount(), "Sum"));
    alarm(
        "elb-5xx",
        "More than "
            + t.http5xxCount()
            + " 5xx responses generated by the load balancer per minute (no healthy target,"
            + " timeouts), 3 of 5 minutes",
        elb("HTTPCode_ELB_5XX_Count", lbDims),
        above(t.http5xxCount(), "Sum"));
    alarm(
        "response-time-high",
        "p95 target response time above " + t.responseTimeSeconds() + " s, 3 of 5 minutes",
        elb("TargetResponseTime", targetDims),
        above(t.responseTimeSeconds(), "p95"));
  }

  /** Load balancer metrics: 1-minute datapoints, 3 bad minutes of 5 ride out a deployment. */
  private static Consumer<MetricAlarmArgs.Builder> elb(
      String metric, Output<Map<String, String>> dims) {
    return metric("AWS/ApplicationELB", metric, dims, MINUTE, 3, 5);
  }

  private void databaseAlarms() {
    var t = args.thresholds();
    alarm(
        "db-cpu-high",
        "Database CPU above " + t.dbCpuPercent() + "% for 15 minutes",
        rds("CPUUtilization", 3),
        above(t.dbCpuPercent(), "Average"));
    alarm(
        "db-free-storage-low",
        "Database free storage below "
            + (long) t.dbFreeStorageBytes()
            + " bytes: storage autoscaling may be at its ceiling",
        rds("FreeStorageSpace", 1),
        below(t.dbFreeStorageBytes(), "Minimum"));
    alarm(
        "db-freeable-memory-low",
        "Database freeable memory below " + (long) t.dbFreeableMemoryBytes() + " bytes for 15 min",
        rds("FreeableMemory", 3),
        below(t.dbFreeableMemoryBytes(), "Average"));
    alarm(
        "db-connections-high",
        "More than " + t.dbConnections() + " database connections for 10 minutes",
        rds("DatabaseConnections", 2),
        above(t.dbConnections(), "Maximum"));
  }

  /** Database metrics: 5-minute datapoints, every one of the last {@code periods} bad. */
  private Consumer<MetricAlarmArgs.Builder> rds(String metric, int periods) {
    var dims = args.databaseIdentifier().applyValue(id -> Map.of("DBInstanceIdentifier", id));
    return metric("AWS/RDS", metric, dims, FIVE_MINUTES, periods, periods);
  }

  private void cacheAlarms() {
    var t = args.thresholds();
    for (int i = 0; i < args.cacheNodeCount(); i++) {
      var member = String.format("%03d", i + 1);
      alarm(
          "cache-cpu-high-" + member,
          "Redis engine CPU of node " + member + " above " + t.cacheCpuPercent() + "% for 15 min",
          cache(i, "EngineCPUUtilization", 3),
          above(t.cacheCpuPercent(), "Average"));
      alarm(
          "cache-memory-high-" + member,
          "Redis memory of node " + member + " above " + t.cacheMemoryPercent() + "% for 10 min",
          cache(i, "DatabaseMemoryUsagePercentage", 2),
          above(t.cacheMemoryPercent(), "Maximum"));
      alarm(
          "cache-evictions-" + member,
          "Redis node "
              + member
              + " evicted more than "
              + t.cacheEvictions()
              + " keys in 5 minutes: queue jobs and cached data are being lost",
          cache(i, "Evictions", 1),
          above(t.cacheEvictions(), "Sum"));
    }
  }

  /** Metrics of the cache's member {@code index}: 5-minute datapoints, all {@code periods} bad. */
  private Consumer<MetricAlarmArgs.Builder> cache(int index, String metric, int periods) {
    var dims =
        args.cacheMemberClusterIds()
            .applyValue(ids -> Map.of("CacheClusterId", memberAt(ids, index)));
    return metric("AWS/ElastiCache", metric, dims, FIVE_MINUTES, periods, periods);
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
                    metric(
                        "AWS/AutoScaling",
                        "GroupInServiceInstances",
                        group.applyValue(g -> Map.of("AutoScalingGroupName", g)),
                        MINUTE,
                        3,
                        3),
                    below(1, "Minimum")));
  }

  private static String memberAt(List<String> ids, int index) {
    if (index >= ids.size()) {
      throw new IllegalStateException(
          "cache has " + ids.size() + " member clusters, monitoring expected " + (index + 1));
    }
    return ids.get(index);
  }

  /**
   * What an alarm watches: {@code metric} of the resource {@code dims} name, in datapoints of
   * {@code periodSeconds}; the alarm fires when {@code bad} of the last {@code of} breach.
   */
  private static Consumer<MetricAlarmArgs.Builder> metric(
      String namespace,
      String metric,
      Output<Map<String, String>> dims,
      int periodSeconds,
      int bad,
      int of) {
    if (bad < 1 || bad > of) {
      throw new IllegalArgumentException(metric + ": " + bad + " bad datapoints of " + of);
    }
    return a ->
        a.namespace(namespace)
            .metricName(metric)
            .dimensions(dims)
            .period(periodSeconds)
            .evaluationPeriods(of)
            .datapointsToAlarm(bad);
  }

  /**
   * When an alarm fires: {@code statistic} (a percentile such as {@code p95}, or Average, Sum, ...)
   * beyond {@code threshold}. Missing data never fires a "too high" alarm (no traffic is not an
   * error) and always fires a "too little left" one (a resource that stops reporting is not
   * healthy).
   */
  private record Condition(String statistic, String operator, double threshold, String missing) {
    void applyTo(MetricAlarmArgs.Builder a) {
      if (statistic.startsWith("p")) {
        a.extendedStatistic(statistic);
      } else {
        a.statistic(statistic);
      }
      a.comparisonOperator(operator).threshold(threshold).treatMissingData(missing);
    }
  }

  private static Condition above(double threshold, String statistic) {
    return new Condition(statistic, "GreaterThanThreshold", threshold, NOT_BREACHING);
  }

  private static Condition below(double threshold, String statistic) {
    return new Condition(statistic, "LessThanThreshold", threshold, BREACHING);
  }

  /** Every alarm notifies the topic when it fires and when it recovers (CloudWatch.15). */
  private void alarm(
      String suffix,
      String description,
      Consumer<MetricAlarmArgs.Builder> metric,
      Condition condition) {
    var builder =
        MetricAlarmArgs.builder()
            .alarmDescription(description)
            .alarmActions(args.topicArn().applyValue(List::of))
            .okActions(args.topicArn().applyValue(List::of));
    metric.accept(builder);
    condition.applyTo(builder);
    var alarm = new MetricAlarm(name + "-" + suffix, builder.build(), child);
    alarmArns.add(alarm.arn());
  }

  private void eventRules() {
    var serviceArn =
        Output.tuple(args.clusterName(), args.serviceName())
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
        args.databaseArn(),
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

  private Output<String> dashboardBody() {
    var names =
        Output.tuple(
            Output.tuple(args.loadBalancerArnSuffix(), args.targetGroupArnSuffix()),
            Output.tuple(args.clusterName(), args.serviceName()),
            args.databaseIdentifier(),
            args.cacheMemberClusterIds(),
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
