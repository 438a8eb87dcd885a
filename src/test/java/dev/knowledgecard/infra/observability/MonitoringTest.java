package dev.knowledgecard.infra.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.ConfigSource;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MonitoringTest {
  static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:prod-alarm-topic-abc";
  static final String DB_ARN = "arn:aws:rds:us-east-1:123456789012:db:prod-db";

  /**
   * Monitoring of literal platform and data outputs, with the prod stack's config plus overrides.
   */
  static OfflineEngine.Result monitoring(Map<String, String> overrides, int cacheNodes) {
    return StackFixture.runComponent(
        StackFixture.withConfig("prod", overrides),
        ctx -> {
          var config = StackConfig.load(ConfigSource.of(ctx), ctx.projectName(), ctx.stackName());
          var members =
              java.util.stream.IntStream.rangeClosed(1, cacheNodes)
                  .mapToObj(i -> String.format("prod-redis-%03d", i))
                  .toList();
          new Monitoring(
              "prod-monitoring",
              MonitoringArgs.builder()
                  .topicArn(Output.of(TOPIC_ARN))
                  .thresholds(config.alarms())
                  .clusterName(Output.of("prod-cluster"))
                  .serviceName(Output.of("prod-app"))
                  .loadBalancerArnSuffix(Output.of("app/prod-alb/50dc6c495c0c9188"))
                  .targetGroupArnSuffix(Output.of("targetgroup/prod-app/73e2d6bc24d8a067"))
                  .databaseIdentifier(Output.of("prod-db"))
                  .databaseArn(Output.of(DB_ARN))
                  .cacheMembers(Output.of(members), cacheNodes)
                  .natGroupNames(
                      Map.of(
                          "us-east-1a", Output.of("prod-network-nat-asg-a"),
                          "us-east-1b", Output.of("prod-network-nat-asg-b")))
                  .build(),
              new StackContext("knowledge-card", "prod", "us-east-1", "123456789012", Map.of()),
              ComponentResourceOptions.builder().build());
        });
  }

  static GraphResource alarm(ResourceGraph graph, String suffix) {
    return graph.named(ALARM, "prod-monitoring-" + suffix);
  }

  @Test
  void everyAlarmNotifiesTheTopicWhenItFiresAndWhenItRecovers() {
    var alarms = monitoring(Map.of(), 2).graph().ofType(ALARM);
    // 2 service + 4 load balancer + 4 database + 3 per cache node + 1 per NAT instance group
    assertEquals(18, alarms.size(), "alarms: " + alarms.stream().map(GraphResource::name).toList());
    for (var alarm : alarms) {
      assertEquals(
          List.of(TOPIC_ARN), texts(alarm, "alarmActions"), alarm.name() + " alarm actions");
      assertEquals(List.of(TOPIC_ARN), texts(alarm, "okActions"), alarm.name() + " OK actions");
      assertTrue(alarm.prop("period").asInt() >= 60, alarm.name() + " period");
      assertTrue(
          alarm.prop("evaluationPeriods").asInt() >= 1, alarm.name() + " evaluation periods");
      assertTrue(
          Set.of("notBreaching", "breaching").contains(alarm.prop("treatMissingData").asText()),
          alarm.name() + " states how missing data is treated");
    }
  }

  @Test
  void missingDataNeverFiresATooHighAlarmAndAlwaysFiresATooLowOne() {
    for (var alarm : monitoring(Map.of(), 2).graph().ofType(ALARM)) {
      var tooHigh = alarm.prop("comparisonOperator").asText().equals("GreaterThanThreshold");
      assertEquals(
          tooHigh ? "notBreaching" : "breaching",
          alarm.prop("treatMissingData").asText(),
          alarm.name());
    }
  }

  @Test
  void monitoringArgsNameTheMissingSetter() {
    var partial = MonitoringArgs.builder().topicArn(Output.of(TOPIC_ARN));
    var thrown = assertThrows(NullPointerException.class, partial::build);
    assertEquals("MonitoringArgs.thresholds is required", thrown.getMessage());
  }

  @Test
  void aZoneWithoutANatInstanceInServiceAlarms() {
    var graph = monitoring(Map.of(), 1).graph();
    var nat = alarm(graph, "nat-unhealthy-us-east-1b");
    assertEquals("AWS/AutoScaling", nat.prop("namespace").asText());
    assertEquals("GroupInServiceInstances", nat.prop("metricName").asText());
    assertEquals("prod-network-nat-asg-b", nat.prop("dimensions.AutoScalingGroupName").asText());
    assertEquals("LessThanThreshold", nat.prop("comparisonOperator").asText());
    assertEquals(1.0, nat.prop("threshold").asDouble());
    assertEquals("breaching", nat.prop("treatMissingData").asText(), "a silent group is down");
  }

  @Test
  void thresholdsFollowConfigDefaults() {
    var graph = monitoring(Map.of(), 1).graph();
    assertEquals(80, alarm(graph, "ecs-cpu-high").prop("threshold").asInt());
    assertEquals(5, alarm(graph, "target-5xx").prop("threshold").asInt(), "prod 5xx default");
    assertEquals(1.0, alarm(graph, "response-time-high").prop("threshold").asDouble());
    assertEquals("p95", alarm(graph, "response-time-high").prop("extendedStatistic").asText());
    assertEquals(0, alarm(graph, "unhealthy-hosts").prop("threshold").asInt());
    assertEquals(
        2.0 * 1024 * 1024 * 1024, alarm(graph, "db-free-storage-low").prop("threshold").asDouble());
    assertEquals(0, alarm(graph, "cache-evictions-001").prop("threshold").asInt());
  }

  /** An alarm setting, a value other than its default, and the alarms whose threshold it is. */
  record Override(String setting, String value, String... alarms) {}

  static final List<Override> OVERRIDES =
      List.of(
          new Override("alarmCpuPercent", "65", "ecs-cpu-high"),
          new Override("alarmMemoryPercent", "70", "ecs-memory-high"),
          new Override("alarm5xxCount", "25", "target-5xx", "elb-5xx"),
          new Override("alarmResponseTimeSeconds", "0.75", "response-time-high"),
          new Override("alarmDbCpuPercent", "60", "db-cpu-high"),
          new Override("alarmDbFreeStorageBytes", "5000000000", "db-free-storage-low"),
          new Override("alarmDbFreeableMemoryBytes", "300000000", "db-freeable-memory-low"),
          new Override("alarmDbConnections", "42", "db-connections-high"),
          new Override("alarmCacheCpuPercent", "55", "cache-cpu-high-001"),
          new Override("alarmCacheMemoryPercent", "75", "cache-memory-high-001"),
          new Override("alarmCacheEvictions", "3", "cache-evictions-001"));

  @Test
  void thresholdsFollowConfigOverrides() {
    var config =
        OVERRIDES.stream()
            .collect(Collectors.toMap(o -> "knowledge-card:" + o.setting(), Override::value));
    var graph = monitoring(config, 1).graph();
    for (var override : OVERRIDES) {
      for (var suffix : override.alarms()) {
        assertEquals(
            Double.parseDouble(override.value()),
            alarm(graph, suffix).prop("threshold").asDouble(),
            suffix + " threshold from " + override.setting());
      }
    }
  }

  @Test
  void alarmsWatchTheRightMetricsAndDimensions() {
    var graph = monitoring(Map.of(), 2).graph();
    var unhealthy = alarm(graph, "unhealthy-hosts");
    assertEquals("AWS/ApplicationELB", unhealthy.prop("namespace").asText());
    assertEquals("UnHealthyHostCount", unhealthy.prop("metricName").asText());
    assertEquals("GreaterThanThreshold", unhealthy.prop("comparisonOperator").asText());
    assertEquals(
        "targetgroup/prod-app/73e2d6bc24d8a067", unhealthy.prop("dimensions.TargetGroup").asText());
    var elb5xx = alarm(graph, "elb-5xx");
    assertEquals("HTTPCode_ELB_5XX_Count", elb5xx.prop("metricName").asText());
    assertTrue(
        elb5xx.prop("dimensions.TargetGroup").isMissingNode(), "ELB 5xx is per load balancer");
    assertEquals(
        "prod-app", alarm(graph, "ecs-memory-high").prop("dimensions.ServiceName").asText());
    assertEquals(
        "LessThanThreshold",
        alarm(graph, "db-freeable-memory-low").prop("comparisonOperator").asText());
    assertEquals(
        "prod-db",
        alarm(graph, "db-connections-high").prop("dimensions.DBInstanceIdentifier").asText());
    assertEquals(
        "prod-redis-002",
        alarm(graph, "cache-memory-high-002").prop("dimensions.CacheClusterId").asText());
  }

  @Test
  void deploymentFailuresRollbacksAndDatabaseFailuresReachTheTopic() {
    var graph = monitoring(Map.of(), 1).graph();
    var rules =
        graph.ofType("aws:cloudwatch/eventRule:EventRule").stream()
            .collect(
                Collectors.toMap(
                    GraphResource::name, r -> Policies.parse(r.prop("eventPattern").asText())));
    var serviceArn = "arn:aws:ecs:us-east-1:123456789012:service/prod-cluster/prod-app";
    var failed = rules.get("prod-monitoring-ecs-deployment-failed");
    assertEquals(serviceArn, failed.path("resources").get(0).asText());
    assertEquals(
        "SERVICE_DEPLOYMENT_FAILED", failed.path("detail").path("eventName").get(0).asText());
    var rollback = rules.get("prod-monitoring-ecs-rollback");
    assertEquals(
        "ECS deployment circuit breaker: rolling back",
        rollback.path("detail").path("reason").get(0).path("prefix").asText());
    var rds = rules.get("prod-monitoring-rds-failure");
    assertEquals(DB_ARN, rds.path("resources").get(0).asText());
    assertTrue(rds.path("detail").path("EventCategories").toString().contains("failover"));
    var targets = graph.ofType("aws:cloudwatch/eventTarget:EventTarget");
    assertEquals(rules.size(), targets.size(), "every rule has a target");
    targets.forEach(
        t -> assertEquals(TOPIC_ARN, t.prop("arn").asText(), t.name() + " targets the topic"));
  }

  @Test
  void dashboardShowsTrafficServiceDatabaseCacheAndAlarms() {
    var result = monitoring(Map.of(), 2);
    var dashboard = result.graph().ofType("aws:cloudwatch/dashboard:Dashboard").get(0);
    assertEquals("knowledge-card-prod", dashboard.prop("dashboardName").asText());
    var body = dashboard.prop("dashboardBody").asText();
    for (var metric :
        List.of(
            "RequestCount",
            "TargetResponseTime",
            "HTTPCode_Target_5XX_Count",
            "HealthyHostCount",
            "RunningTaskCount",
            "CPUUtilization",
            "MemoryUtilization",
            "DatabaseConnections",
            "FreeStorageSpace",
            "EngineCPUUtilization",
            "Evictions",
            "prod-redis-002")) {
      assertTrue(body.contains(metric), "dashboard shows " + metric);
    }
    assertEquals(
        18, Policies.parse(body).path("widgets").get(0).path("properties").path("alarms").size());
  }

  @Test
  void childrenAreNamedAfterTheComponent() {
    var graph = monitoring(Map.of(), 1).graph();
    graph.declared().forEach(r -> assertTrue(r.name().startsWith("prod-monitoring"), r.name()));
  }

  private static List<String> texts(GraphResource r, String prop) {
    var list = new java.util.ArrayList<String>();
    r.prop(prop).forEach(n -> list.add(n.asText()));
    return list;
  }
}
