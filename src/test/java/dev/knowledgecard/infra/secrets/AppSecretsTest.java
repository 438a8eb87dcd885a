package dev.knowledgecard.infra.secrets;

import static dev.knowledgecard.infra.testing.DataGraphs.endingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.SecretsSettings;
import dev.knowledgecard.infra.synth.GraphResource;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.OfflineMocks;
import dev.knowledgecard.infra.synth.StackFiles;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppSecretsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "aws:secretsmanager/secret:Secret";
  private static final String VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
  private static final String DB_SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbC123";
  private static final String REDIS_SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-AbC123";

  private static OfflineEngine.Result component(List<String> apiKeys) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx -> {
          var secrets =
              new AppSecrets(
                  "test-secrets",
                  new AppSecretsArgs(
                      new SecretsSettings(apiKeys, 7),
                      "knowledge-card-test",
                      Output.of(DB_SECRET),
                      Output.of(REDIS_SECRET)),
                  ComponentResourceOptions.Empty);
          secrets
              .containerSecrets()
              .forEach((name, valueFrom) -> ctx.export("env." + name, valueFrom));
          ctx.export("arns", Output.all(secrets.secretArns()));
          ctx.export("kms", Output.of(secrets.kmsKeyArns().size()));
        });
  }

  @Test
  @DisplayName("container secrets map every secret env var to a valueFrom, DB keys from RDS's JSON")
  void containerSecretsCoverTheEnvContract() {
    var out = component(List.of("OPENAI_API_KEY", "STRIPE_KEY")).outputs();
    assertEquals(DB_SECRET + ":username::", out.get("env.DB_USER"));
    assertEquals(DB_SECRET + ":password::", out.get("env.DB_PASSWORD"));
    assertEquals(REDIS_SECRET, out.get("env.REDIS_AUTH_TOKEN"));
    for (var name : List.of("NEXTAUTH_SECRET", "OPENAI_API_KEY", "STRIPE_KEY")) {
      assertTrue(
          out.get("env." + name).toString().startsWith("arn:aws:secretsmanager:us-east-1:"),
          name + " -> " + out.get("env." + name));
    }
    assertEquals(6, out.keySet().stream().filter(k -> k.startsWith("env.")).count(), "env names");
  }

  @Test
  @DisplayName("secretArns are exactly the distinct secrets behind the env vars; no customer key")
  void secretArnsAreExactlyTheSecretsBehindTheEnv() {
    var out = component(List.of("OPENAI_API_KEY")).outputs();
    var behindEnv = new LinkedHashSet<String>();
    out.forEach(
        (k, v) -> {
          if (k.startsWith("env.")) {
            behindEnv.add(v.toString().replaceAll(":(username|password)::$", ""));
          }
        });
    @SuppressWarnings("unchecked")
    var arns = (List<String>) out.get("arns");
    assertEquals(arns.size(), new LinkedHashSet<>(arns).size(), "duplicate ARNs: " + arns);
    assertEquals(new java.util.TreeSet<>(behindEnv), new java.util.TreeSet<>(arns));
    assertEquals(4, behindEnv.size(), "db, redis, nextauth, one api key");
    assertEquals(0, out.get("kms"), "secrets use the AWS-managed key");
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
  @DisplayName("the NextAuth secret is generated in AWS, secret, and written only once")
  void nextAuthSecretIsGeneratedOnce() {
    var graph = component(List.of()).graph();
    var secret = endingWith(graph, SECRET, "-nextauth");
    var version = endingWith(graph, VERSION, "-nextauth-value");
    assertEquals(secret.id(), version.prop("secretId").asText());
    assertEquals(GraphResource.SECRET_MARKER, version.prop("secretString").asText());
    assertTrue(version.ignoreChanges().contains("secretString"), "regenerated on every up");
    assertEquals(7, secret.prop("recoveryWindowInDays").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: no secret value appears in plain text anywhere in the graph")
  void noSecretValueInPlainText(String stack) throws Exception {
    var result = StackFixture.committedStack(stack);
    var leaks = List.of(OfflineMocks.RANDOM_PASSWORD_PREFIX, StackFiles.SECRET_PLACEHOLDER);
    for (var resource : result.graph().resources()) {
      var text = JSON.writeValueAsString(resource.props());
      for (var leak : leaks) {
        assertFalse(text.contains(leak), resource.name() + " holds a secret value in plain text");
      }
    }
    var outputs = JSON.writeValueAsString(result.outputs());
    leaks.forEach(leak -> assertFalse(outputs.contains(leak), "a stack output leaks " + leak));
    // The generated values did reach their consumers, as secrets.
    var secretInputs =
        result.graph().resources().stream()
            .flatMap(r -> r.secretProps().stream().map(p -> r.type() + "." + p))
            .toList();
    assertTrue(
        secretInputs.contains("aws:elasticache/replicationGroup:ReplicationGroup.authToken"),
        secretInputs.toString());
    assertEquals(
        2,
        secretInputs.stream().filter(p -> p.equals(VERSION + ".secretString")).count(),
        secretInputs.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: appSecretArns exports the env contract's secret names")
  void appSecretArnsOutput(String stack) {
    @SuppressWarnings("unchecked")
    var map =
        (Map<String, Object>) StackFixture.committedStack(stack).outputs().get("appSecretArns");
    assertEquals(
        List.of("DB_PASSWORD", "DB_USER", "NEXTAUTH_SECRET", "OPENAI_API_KEY", "REDIS_AUTH_TOKEN"),
        map.keySet().stream().sorted().toList());
    map.values()
        .forEach(
            v ->
                assertTrue(
                    v.toString().matches("arn:aws:secretsmanager:[^:]+:\\d{12}:secret:[^:]+"),
                    v.toString()));
    assertEquals(map.get("DB_USER"), map.get("DB_PASSWORD"), "one RDS secret behind both");
    assertEquals(
        StackFixture.committedStack(stack).outputs().get("databaseSecretArn"), map.get("DB_USER"));
  }
}
