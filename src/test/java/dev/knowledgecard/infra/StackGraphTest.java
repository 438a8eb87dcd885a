package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.config.LogRetention;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of the whole program's graph, for both committed stacks. */
class StackGraphTest {

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void noPolicyAllowsEveryActionOnEveryResource(String stack) {
    var found = Policies.everywhere(StackFixture.committedStack(stack).graph());
    assertTrue(found.size() >= 10, "policies found: " + found.size());
    for (var policy : found) {
      for (var s : policy.statements()) {
        var allowAll =
            "Allow".equals(s.path("Effect").asText())
                && Policies.values(s, "Action").contains("*")
                && (Policies.values(s, "Resource").contains("*") || s.has("NotResource"));
        assertFalse(allowAll, policy.where() + " allows * on * (IAM.1): " + s);
        assertFalse(
            s.has("NotAction") && "Allow".equals(s.path("Effect").asText()),
            policy.where() + " uses Allow NotAction");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void everyLogGroupHasAnAcceptedRetention(String stack) {
    var groups =
        StackFixture.committedStack(stack).graph().ofType("aws:cloudwatch/logGroup:LogGroup");
    assertFalse(groups.isEmpty());
    for (var group : groups) {
      var days = group.prop("retentionInDays");
      assertTrue(
          days.isNumber()
              && days.asDouble() == days.asInt()
              && LogRetention.ALLOWED_DAYS.contains(days.asInt()),
          group.name() + " retention " + days + " (CloudWatch.16)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void everyAlarmHasAlarmAndOkActions(String stack) {
    for (var alarm :
        StackFixture.committedStack(stack)
            .graph()
            .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
      assertTrue(
          alarm.prop("alarmActions").size() > 0, alarm.name() + " alarm actions (CloudWatch.15)");
      assertTrue(alarm.prop("okActions").size() > 0, alarm.name() + " OK actions");
    }
  }
}
