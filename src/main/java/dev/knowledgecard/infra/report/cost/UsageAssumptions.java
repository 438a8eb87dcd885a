package dev.knowledgecard.infra.report.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Usage the graph cannot know (hours, GB through NAT, log volume, LCU), kept as data in {@code
 * src/main/resources/prices/usage-assumptions.json} with per-stack overrides, and printed in every
 * report next to the figures they produce.
 *
 * @param date when the assumptions were last reviewed
 * @param values assumption key to its value and meaning
 */
public record UsageAssumptions(String date, Map<String, Assumption> values) {
  public static final String DEFAULT_RESOURCE = "/prices/usage-assumptions.json";

  public static final String HOURS = "hoursPerMonth";
  public static final String NAT_GB = "natGbProcessedPerMonth";
  public static final String ENDPOINT_GB = "interfaceEndpointGbPerMonth";
  public static final String ALB_LCU = "albAverageLcu";
  public static final String LOG_GB = "logGbIngestedPerMonth";
  public static final String ECR_GB = "ecrGbStoredPerRepository";
  public static final String SECRETS_CALLS = "secretsApiCallsPerMonth";
  public static final String INTERNET_EGRESS_GB = "internetEgressGbPerMonth";
  public static final String S3_GB = "s3GbStoredPerBucket";
  public static final String S3_PUTS = "s3PutRequestsPerBucket";
  public static final String S3_GETS = "s3GetRequestsPerBucket";
  public static final String SNS_PUBLISHES = "snsPublishesPerTopic";
  public static final String LAMBDA_INVOCATIONS = "lambdaInvocationsPerFunction";
  public static final String LAMBDA_DURATION_MS = "lambdaAverageDurationMs";
  public static final String INSIGHTS_CLUSTER_METRICS = "containerInsightsClusterMetrics";
  public static final String INSIGHTS_SERVICE_METRICS = "containerInsightsServiceMetrics";
  public static final String INSIGHTS_FAMILY_METRICS = "containerInsightsTaskFamilyMetrics";
  public static final String INSIGHTS_LOG_GB = "containerInsightsLogGbPerMonth";

  /** One assumption: its value and what it means. */
  public record Assumption(BigDecimal value, String what) {}

  public UsageAssumptions {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public BigDecimal value(String key) {
    var a = values.get(key);
    if (a == null) {
      throw new IllegalStateException("usage assumption " + key + " is not defined");
    }
    return a.value();
  }

  /** The shipped assumptions for a stack: the defaults with the stack's overrides. */
  public static UsageAssumptions forStack(String stack) {
    return fromJson(PriceTable.Resources.json(DEFAULT_RESOURCE), stack);
  }

  public static UsageAssumptions fromJson(JsonNode root, String stack) {
    var values = new LinkedHashMap<String, Assumption>();
    root.path("default")
        .properties()
        .forEach(e -> values.put(e.getKey(), assumption(e.getValue())));
    root.path("stacks")
        .path(stack)
        .properties()
        .forEach(e -> values.put(e.getKey(), assumption(e.getValue())));
    return new UsageAssumptions(root.path("date").asText(), values);
  }

  private static Assumption assumption(JsonNode node) {
    return new Assumption(node.path("value").decimalValue(), node.path("what").asText());
  }
}
