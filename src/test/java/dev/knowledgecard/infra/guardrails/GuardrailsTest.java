package dev.knowledgecard.infra.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
  private static final String BUDGET = "aws:budgets/budget:Budget";

  @Test
  void budgetNotifiesAt80And100PercentActualAnd100Forecast() {
    var result = StackFixture.committedStack("prod");
    var budget = result.graph().named(BUDGET, "prod-guardrails-budget");
    var topic = result.outputs().get("alarmTopicArn").toString();
    var seen =
        java.util.stream.StreamSupport.stream(budget.prop("notifications").spliterator(), false)
            .map(
                n -> {
                  assertEquals("PERCENTAGE", n.path("thresholdType").asText());
                  assertEquals(
                      List.of("platform-alerts@knowledgecard.dev"),
                      List.of(n.path("subscriberEmailAddresses").get(0).asText()));
                  assertEquals(topic, n.path("subscriberSnsTopicArns").get(0).asText());
                  return n.path("notificationType").asText() + "@" + n.path("threshold").asInt();
                })
            .collect(Collectors.toSet());
    assertEquals(Set.of("ACTUAL@80", "ACTUAL@100", "FORECASTED@100"), seen);
    assertEquals("600.00", budget.prop("limitAmount").asText(), "prod default");
    assertEquals("MONTHLY", budget.prop("timeUnit").asText());
    assertEquals("knowledge-card-prod-monthly", result.outputs().get("budgetName"));
  }

  @Test
  void budgetAmountAndScopeFollowConfig() {
    var result =
        StackFixture.succeed(
            StackFixture.run(
                StackFixture.withConfig(
                    "staging",
                    Map.of(
                        "knowledge-card:monthlyBudgetUsd", "42.5",
                        "knowledge-card:ownsAccountResources", "false"))));
    var budget = result.graph().named(BUDGET, "staging-guardrails-budget");
    assertEquals("42.50", budget.prop("limitAmount").asText());
    assertEquals("TagKeyValue", budget.prop("costFilters").get(0).path("name").asText());
    assertEquals(
        "user:Stack$staging",
        budget.prop("costFilters").get(0).path("values").get(0).asText(),
        "a shared account's stack budget counts only its own tagged costs");
  }

  @Test
  void owningStackBlocksPublicS3AccessAccountWide() {
    var block =
        StackFixture.committedStack("prod")
            .graph()
            .ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
    assertEquals(1, block.size());
    for (var flag :
        List.of(
            "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
      assertTrue(block.get(0).prop(flag).asBoolean(), flag + " (S3.1)");
    }
  }
}
