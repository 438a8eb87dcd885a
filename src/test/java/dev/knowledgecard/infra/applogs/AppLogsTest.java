package dev.knowledgecard.infra.applogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppLogsTest {
  private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
  private static final String KEY = "aws:kms/key:Key";

  @Test
  @DisplayName("staging: app log group keeps 30 days, no customer key")
  void stagingRetentionWithoutKey() {
    var g = StackFixture.committedStack("staging").graph();
    var group = g.named(LOG_GROUP, "staging-app-logs-group");
    assertEquals("/knowledge-card/staging/app", group.prop("name").asText());
    assertEquals(30, group.prop("retentionInDays").asInt());
    assertTrue(group.prop("kmsKeyId").isMissingNode(), "no KMS key in staging");
  }

  @Test
  @DisplayName(
      "prod: app log group keeps 90 days, encrypted by a rotating key only Logs may use for it")
  void prodRetentionWithRotatingKey() throws Exception {
    var g = StackFixture.committedStack("prod").graph();
    var group = g.named(LOG_GROUP, "prod-app-logs-group");
    assertEquals(90, group.prop("retentionInDays").asInt());
    var key = g.named(KEY, "prod-app-logs-key");
    assertTrue(key.prop("enableKeyRotation").asBoolean(), "KMS.4 key rotation");
    assertTrue(group.prop("kmsKeyId").asText().endsWith(key.id()), "log group uses the key");
    var policy = new ObjectMapper().readTree(key.prop("policy").asText());
    var logs = policy.path("Statement").get(1);
    assertEquals(
        "logs.us-east-1.amazonaws.com", logs.path("Principal").path("Service").get(0).asText());
    assertEquals(
        "arn:aws:logs:us-east-1:"
            + StackFixture.accountId("prod")
            + ":log-group:/knowledge-card/prod/app",
        logs.path("Condition")
            .path("ArnEquals")
            .path("kms:EncryptionContext:aws:logs:arn")
            .get(0)
            .asText());
  }

  @Test
  @DisplayName("the group grants both execution roles writing to its own streams, nothing else")
  void groupGrantsExecutionRolesWriteToItsStreams() {
    var g = StackFixture.committedStack("staging").graph();
    var group = g.named(LOG_GROUP, "staging-app-logs-group");
    for (var role : List.of("staging-app-execution", "staging-app-migration-execution")) {
      var statements =
          Policies.statements(
              g.named("aws:iam/rolePolicy:RolePolicy", role + "-app-logs-policy"), "policy");
      assertEquals(1, statements.size(), role);
      assertEquals("WriteAppLogs", statements.get(0).path("Sid").asText(), role);
      assertEquals(AppLogs.WRITE_ACTIONS, Policies.values(statements.get(0), "Action"), role);
      assertEquals(
          List.of(group.arn() + ":log-stream:*"),
          Policies.values(statements.get(0), "Resource"),
          role);
    }
  }
}
