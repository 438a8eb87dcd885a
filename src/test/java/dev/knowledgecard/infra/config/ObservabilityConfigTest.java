package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {

  private static List<ConfigProblem> problems(Map<String, String> overrides) {
    var result = StackFixture.run(StackFixture.withConfig("staging", overrides));
    var error = result.failure(InvalidConfigException.class);
    assertTrue(error.isPresent(), "config should be rejected: " + result.failures());
    assertEquals(0, result.graph().declared().size(), "nothing is registered");
    return error.get().problems();
  }

  private static void assertProblem(List<ConfigProblem> problems, String key, String allowedPart) {
    assertTrue(
        problems.stream()
            .anyMatch(
                p -> p.key().equals("knowledge-card:" + key) && p.allowed().contains(allowedPart)),
        key + " problem mentioning '" + allowedPart + "' in " + problems);
  }

  @Test
  void everyBadObservabilityAccessAndBudgetValueIsReportedAtOnce() {
    var overrides = new HashMap<String, String>();
    overrides.put("knowledge-card:alarmEmails", "[\"ops@example.com\", \"not-an-email\"]");
    overrides.put("knowledge-card:budgetEmails", "[\"finance@@example\"]");
    overrides.put("knowledge-card:githubRepository", "knowledge-card");
    overrides.put("knowledge-card:appLogRetentionDays", "45");
    overrides.put("knowledge-card:monthlyBudgetUsd", "0");
    overrides.put("knowledge-card:alarmWebhookUrl", "http://hooks.example.com/x");
    overrides.put("knowledge-card:alarmCpuPercent", "120");
    overrides.put("knowledge-card:stateKmsKeyArn", "alias/pulumi");
    overrides.put("knowledge-card:budgetScope", "org");
    overrides.put("knowledge-card:imageSourceRepositoryArn", "knowledge-card-staging");
    var problems = problems(overrides);
    assertProblem(problems, "alarmEmails", "email address");
    assertProblem(problems, "budgetEmails", "email address");
    assertProblem(problems, "githubRepository", "owner/name");
    assertProblem(problems, "appLogRetentionDays", "one of [1, 3, 5, 7, 14, 30, 60, 90");
    assertProblem(problems, "monthlyBudgetUsd", "greater than 0");
    assertProblem(problems, "alarmWebhookUrl", "https://");
    assertProblem(problems, "alarmCpuPercent", "from 1 to 100");
    assertProblem(problems, "stateKmsKeyArn", "key ARN");
    assertProblem(problems, "budgetScope", "account");
    assertProblem(problems, "imageSourceRepositoryArn", "ECR repository ARN");
    // The webhook set in plain text is also reported: it holds a token, so it must be secure.
    assertProblem(problems, "alarmWebhookUrl", "pulumi config set --secret");
    assertEquals(11, problems.size(), problems.toString());
  }

  @Test
  void alarmRecipientsAndRepositoryAreRequired() {
    var overrides = new HashMap<String, String>();
    overrides.put("knowledge-card:alarmEmails", null);
    overrides.put("knowledge-card:githubRepository", null);
    var problems = problems(overrides);
    assertProblem(problems, "alarmEmails", "at least one email");
    assertProblem(problems, "githubRepository", "owner/name");
  }

  @Test
  void negativeBudgetIsRejected() {
    assertProblem(
        problems(Map.of("knowledge-card:monthlyBudgetUsd", "-5")),
        "monthlyBudgetUsd",
        "greater than 0");
  }

  @Test
  void webhookSecretIsNotEchoedInTheError() {
    var problems =
        problems(Map.of("knowledge-card:alarmWebhookUrl", "ftp://token@hooks.example.com"));
    assertTrue(
        problems.stream().noneMatch(p -> String.valueOf(p.value()).contains("token")),
        problems.toString());
  }
}
