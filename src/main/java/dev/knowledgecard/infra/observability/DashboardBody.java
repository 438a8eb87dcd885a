package dev.knowledgecard.infra.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The CloudWatch dashboard of a stack: traffic and errors first, then the service, the database and
 * the cache, and the state of every alarm. Rendered once all names are known.
 */
final class DashboardBody {
  private static final int WIDTH = 12;
  private static final int HEIGHT = 6;
  private static final int FULL_WIDTH = 24;

  /** The resolved names the widgets refer to. */
  record Names(
      String loadBalancer,
      String targetGroup,
      String cluster,
      String service,
      String dbInstance,
      List<String> cacheMembers,
      List<String> alarmArns) {}

  private DashboardBody() {}

  static ObjectNode render(String region, Names n) {
    var body = JsonNodeFactory.instance.objectNode();
    var widgets = body.putArray("widgets");
    var layout = new int[] {0};

    var alarms = widget(widgets, layout, "alarm", "Alarms", FULL_WIDTH, 4);
    var alarmList = alarms.putArray("alarms");
    n.alarmArns().forEach(alarmList::add);

    var requests = metricWidget(widgets, layout, region, "Requests per minute");
    row(requests, "AWS/ApplicationELB", "RequestCount", "Sum", "LoadBalancer", n.loadBalancer());

    var latency = metricWidget(widgets, layout, region, "Target response time (s)");
    for (var stat : List.of("p50", "p95", "p99")) {
      targetRow(latency, "TargetResponseTime", stat, n);
    }

    var errors = metricWidget(widgets, layout, region, "5xx responses per minute");
    targetRow(errors, "HTTPCode_Target_5XX_Count", "Sum", n);
    row(
        errors,
        "AWS/ApplicationELB",
        "HTTPCode_ELB_5XX_Count",
        "Sum",
        "LoadBalancer",
        n.loadBalancer());

    var hosts = metricWidget(widgets, layout, region, "Healthy and unhealthy targets");
    for (var metric : List.of("HealthyHostCount", "UnHealthyHostCount")) {
      targetRow(hosts, metric, "Maximum", n);
    }

    var tasks = metricWidget(widgets, layout, region, "Running and desired tasks");
    for (var metric : List.of("RunningTaskCount", "DesiredTaskCount")) {
      serviceRow(tasks, "ECS/ContainerInsights", metric, n);
    }

    var service = metricWidget(widgets, layout, region, "Service CPU and memory (%)");
    for (var metric : List.of("CPUUtilization", "MemoryUtilization")) {
      serviceRow(service, "AWS/ECS", metric, n);
    }

    var db = metricWidget(widgets, layout, region, "Database CPU (%) and connections");
    row(db, "AWS/RDS", "CPUUtilization", "Average", "DBInstanceIdentifier", n.dbInstance());
    row(db, "AWS/RDS", "DatabaseConnections", "Maximum", "DBInstanceIdentifier", n.dbInstance());

    var dbMemory =
        metricWidget(widgets, layout, region, "Database free storage and memory (bytes)");
    row(dbMemory, "AWS/RDS", "FreeStorageSpace", "Minimum", "DBInstanceIdentifier", n.dbInstance());
    row(dbMemory, "AWS/RDS", "FreeableMemory", "Minimum", "DBInstanceIdentifier", n.dbInstance());

    var cache = metricWidget(widgets, layout, region, "Redis engine CPU and memory (%)");
    var evictions = metricWidget(widgets, layout, region, "Redis evictions and connections");
    for (var member : n.cacheMembers()) {
      row(cache, "AWS/ElastiCache", "EngineCPUUtilization", "Average", "CacheClusterId", member);
      row(
          cache,
          "AWS/ElastiCache",
          "DatabaseMemoryUsagePercentage",
          "Maximum",
          "CacheClusterId",
          member);
      row(evictions, "AWS/ElastiCache", "Evictions", "Sum", "CacheClusterId", member);
      row(evictions, "AWS/ElastiCache", "CurrConnections", "Maximum", "CacheClusterId", member);
    }
    return body;
  }

  private static ObjectNode widget(
      ArrayNode widgets, int[] layout, String type, String title, int width, int height) {
    var widget = widgets.addObject();
    widget.put("type", type);
    // Left to right, two per row; the layout counter holds the next free slot in half-widths.
    int slot = layout[0];
    widget.put("x", (slot % 2) * WIDTH);
    widget.put("y", (slot / 2) * HEIGHT);
    widget.put("width", width);
    widget.put("height", height);
    layout[0] += width == FULL_WIDTH ? 2 : 1;
    var properties = widget.putObject("properties");
    properties.put("title", title);
    return properties;
  }

  private static ArrayNode metricWidget(
      ArrayNode widgets, int[] layout, String region, String title) {
    var properties = widget(widgets, layout, "metric", title, WIDTH, HEIGHT);
    properties.put("region", region);
    properties.put("view", "timeSeries");
    properties.put("period", 60);
    return properties.putArray("metrics");
  }

  private static void targetRow(ArrayNode metrics, String metric, String stat, Names n) {
    row(
        metrics,
        "AWS/ApplicationELB",
        metric,
        stat,
        "LoadBalancer",
        n.loadBalancer(),
        "TargetGroup",
        n.targetGroup());
  }

  private static void serviceRow(ArrayNode metrics, String namespace, String metric, Names n) {
    row(
        metrics,
        namespace,
        metric,
        "Average",
        "ClusterName",
        n.cluster(),
        "ServiceName",
        n.service());
  }

  /** One metric line: namespace, name, dimension pairs, then the statistic as an option. */
  private static void row(
      ArrayNode metrics, String namespace, String metric, String stat, String... dims) {
    var row = metrics.addArray();
    row.add(namespace).add(metric);
    for (var dim : dims) {
      row.add(dim);
    }
    row.addObject().put("stat", stat).put("label", metric + " " + stat);
  }
}
