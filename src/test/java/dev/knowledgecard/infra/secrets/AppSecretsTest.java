package dev.knowledgecard.infra.secrets;

import static dev.knowledgecard.infra.testing.DataGraphs.endingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.SecretsSettings;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppSecretsTest {
  private static final String SECRET = "aws:secretsmanager/secret:Secret";
  private static final String VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
  private static final String DB_SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:kc/db-app-role-AbC123";

  private static OfflineEngine.Result component(List<String> apiKeys) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx -> {
          var secrets =
              new AppSecrets(
                  "test-secrets",
                  new AppSecretsArgs(
                      new SecretsSettings(apiKeys, 7, 30),
                      new GrantableSecret(
                          "db-app-role-secret", "AppRoleSecret", Output.of(DB_SECRET))),
                  ComponentInputs.context(),
                  ComponentResourceOptions.Empty);
          var executionRole = new RoleGrants();
          secrets.grantRead(executionRole);
          secrets
              .containerSecrets()
              .forEach((name, valueFrom) -> ctx.export("env." + name, valueFrom));
          ctx.export("readGrant", executionRole.policies().get("injected-secrets"));
          ctx.export("session", secrets.sessionSecret().arn());
        });
  }

  @Test
  @DisplayName(
      "container secrets map every secret env var to a valueFrom, DB keys from the app role's JSON")
  void containerSecretsCoverTheEnvContract() {
    var out = component(List.of("OPENAI_API_KEY", "STRIPE_KEY")).outputs();
    assertEquals(DB_SECRET + ":username::", out.get("env.DB_USER"));
    assertEquals(DB_SECRET + ":password::", out.get("env.DB_PASSWORD"));
    assertEquals(out.get("session"), out.get("env.NEXTAUTH_SECRET"));
    for (var name : List.of("NEXTAUTH_SECRET", "OPENAI_API_KEY", "STRIPE_KEY")) {
      assertTrue(
          out.get("env." + name).toString().startsWith("arn:aws:secretsmanager:us-east-1:"),
          name + " -> " + out.get("env." + name));
    }
    assertEquals(5, out.keySet().stream().filter(k -> k.startsWith("env.")).count(), "env names");
  }

  @Test
  @DisplayName("the read grant names exactly the distinct secrets behind the env vars")
  void readGrantIsExactlyTheSecretsBehindTheEnv() throws Exception {
    var out = component(List.of("OPENAI_API_KEY")).outputs();
    var behindEnv = new LinkedHashSet<String>();
    out.forEach(
        (k, v) -> {
          if (k.startsWith("env.")) {
            behindEnv.add(v.toString().replaceAll(":(username|password)::$", ""));
          }
        });
    var statements =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.get("readGrant").toString())
            .path("Statement");
    assertEquals(1, statements.size(), statements.toString());
    assertEquals(
        "[\"secretsmanager:GetSecretValue\"]", statements.get(0).path("Action").toString());
    var arns = new java.util.ArrayList<String>();
    statements.get(0).path("Resource").forEach(r -> arns.add(r.asText()));
    assertEquals(arns.size(), new LinkedHashSet<>(arns).size(), "duplicate ARNs: " + arns);
    assertEquals(new java.util.TreeSet<>(behindEnv), new java.util.TreeSet<>(arns));
    assertEquals(3, behindEnv.size(), "db app role, session, one api key");
  }

  @Test
  @DisplayName("third-party key secrets are created empty: Pulumi never writes or overwrites them")
  void apiKeySecretsHaveNoVersion() {
    var graph = component(List.of("OPENAI_API_KEY")).graph();
    var apiKey = endingWith(graph, SECRET, "-openai-api-key");
    assertTrue(apiKey.prop("namePrefix").asText().contains("OPENAI_API_KEY"));
    assertTrue(
        graph.ofType(VERSION).stream()
            .noneMatch(v -> v.prop("secretId").asText().equals(apiKey.id())),
        apiKey.name() + " has a version managed by Pulumi");
  }

  @Test
  @DisplayName("every secret is created without a value: Pulumi writes no version of any")
  void noSecretHasAProgramWrittenVersion() {
    var graph = component(List.of("OPENAI_API_KEY")).graph();
    assertTrue(graph.ofType(VERSION).isEmpty(), "versions: " + graph.ofType(VERSION));
    var session = endingWith(graph, SECRET, "-session");
    assertTrue(session.prop("namePrefix").asText().endsWith("/session-secret-"));
    assertEquals(7, session.prop("recoveryWindowInDays").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: appSecretArns exports the env contract's secret names")
  void appSecretArnsOutput(String stack) {
    @SuppressWarnings("unchecked")
    var map =
        (Map<String, Object>) StackFixture.committedStack(stack).outputs().get("appSecretArns");
    assertEquals(
        List.of("DB_PASSWORD", "DB_USER", "NEXTAUTH_SECRET", "OPENAI_API_KEY"),
        map.keySet().stream().sorted().toList());
    map.values()
        .forEach(
            v ->
                assertTrue(
                    v.toString().matches("arn:aws:secretsmanager:[^:]+:\\d{12}:secret:[^:]+"),
                    v.toString()));
    assertEquals(map.get("DB_USER"), map.get("DB_PASSWORD"), "one app role secret behind both");
    var outputs = StackFixture.committedStack(stack).outputs();
    assertEquals(outputs.get("dbAppRoleSecretArn"), map.get("DB_USER"));
    assertEquals(outputs.get("sessionSecretArn"), map.get("NEXTAUTH_SECRET"));
  }
}
