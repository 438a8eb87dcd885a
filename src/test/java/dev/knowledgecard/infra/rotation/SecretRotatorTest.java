package dev.knowledgecard.infra.rotation;

import static dev.knowledgecard.infra.testing.DataGraphs.endingWith;
import static dev.knowledgecard.infra.testing.DataGraphs.only;
import static dev.knowledgecard.infra.testing.DataGraphs.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.report.policy.PolicyStatus;
import dev.knowledgecard.infra.report.policy.Rules;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rotation function as the committed stacks deploy it. */
class SecretRotatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "aws:lambda/function:Function";
  private static final String PERMISSION = "aws:lambda/permission:Permission";
  private static final String ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
  private static final String SECRET = "aws:secretsmanager/secret:Secret";
  private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

  private static OfflineEngine.Result stack(String stack) {
    return StackFixture.committedStack(stack);
  }

  private static String secretId(ResourceGraph g, String suffix) {
    return endingWith(g, SECRET, suffix).id();
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName(
      "Node 22 on ARM64, in the private app subnets of every zone, its own group, logs kept")
  void functionRunsPrivatelyInEveryZone(String stack) {
    var result = stack(stack);
    var g = result.graph();
    var function = only(g, FUNCTION);
    assertEquals("nodejs22.x", function.prop("runtime").asText());
    assertEquals(List.of("arm64"), strings(function.prop("architectures")));
    assertEquals("rotation", function.prop("code.path").asText(), "the rotation/ directory");
    assertEquals(
        strings(JSON.valueToTree(result.outputs().get("appSubnetIds"))),
        strings(function.prop("vpcConfig.subnetIds")));
    assertEquals(
        List.of(endingWith(g, "aws:ec2/securityGroup:SecurityGroup", "-sg-rotation").id()),
        strings(function.prop("vpcConfig.securityGroupIds")));
    var logs = endingWith(g, "aws:cloudwatch/logGroup:LogGroup", "-rotation-logs");
    assertEquals("/aws/lambda/" + function.prop("name").asText(), logs.prop("name").asText());
    assertEquals(logs.prop("name").asText(), function.prop("loggingConfig.logGroup").asText());
    assertEquals(stack.equals("prod") ? 90 : 30, logs.prop("retentionInDays").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("its environment holds references and locations, never a value")
  void environmentHoldsReferencesOnly(String stack) {
    var g = stack(stack).graph();
    var env = only(g, FUNCTION).prop("environment.variables");
    var names = new TreeSet<String>();
    env.fieldNames().forEachRemaining(names::add);
    assertEquals(
        new TreeSet<>(
            Set.of(
                "SESSION_SECRET_ARN",
                "APP_ROLE_SECRET_ARN",
                "MASTER_SECRET_ARN",
                "DB_HOST",
                "DB_PORT",
                "DB_NAME",
                "DB_APP_USER",
                "DB_CA_FILE")),
        names);
    assertEquals(secretId(g, "-session"), env.path("SESSION_SECRET_ARN").asText());
    assertEquals(secretId(g, "-app-role-secret"), env.path("APP_ROLE_SECRET_ARN").asText());
    assertTrue(env.path("MASTER_SECRET_ARN").asText().contains(":secret:rds!"));
    assertEquals("knowledge_card_app", env.path("DB_APP_USER").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName(
      "role: the stack's path and boundary; the two secrets and the master read (granted by their"
          + " owners), ENIs, logs")
  void roleIsLeastPrivilege(String stack) {
    var g = stack(stack).graph();
    var role = endingWith(g, "aws:iam/role:Role", "-rotation-role");
    assertEquals("/knowledge-card/" + stack + "/", role.prop("path").asText());
    assertTrue(role.prop("permissionsBoundary").asText().contains("workload-boundary"));
    var trust = statements(parse(role.prop("assumeRolePolicy")));
    assertEquals(
        List.of("lambda.amazonaws.com"), strings(trust.get(0).path("Principal").path("Service")));
    var granted =
        g.ofType(ROLE_POLICY).stream()
            .filter(p -> p.prop("role").asText().equals(role.id()))
            .flatMap(p -> statements(parse(p.prop("policy"))).stream())
            .toList();
    // Every statement counted: a second statement of the same Sid would show here.
    assertEquals(
        List.of(
            "AttachToTheVpc",
            "GenerateValues",
            "ReadMasterSecret",
            "RotateAppRoleSecret",
            "RotateSessionSecret",
            "WriteOwnLogs"),
        granted.stream().map(s -> s.path("Sid").asText()).sorted().toList());
    var bySid = new java.util.HashMap<String, JsonNode>();
    granted.forEach(s -> bySid.put(s.path("Sid").asText(), s));
    assertEquals(
        List.of(secretId(g, "-session")),
        strings(bySid.get("RotateSessionSecret").path("Resource")));
    assertEquals(
        List.of(secretId(g, "-app-role-secret")),
        strings(bySid.get("RotateAppRoleSecret").path("Resource")));
    for (var sid : List.of("RotateSessionSecret", "RotateAppRoleSecret")) {
      assertEquals(GrantableSecret.ROTATE_ACTIONS, strings(bySid.get(sid).path("Action")), sid);
    }
    assertEquals(
        List.of("secretsmanager:GetSecretValue"),
        strings(bySid.get("ReadMasterSecret").path("Action")));
    assertTrue(
        strings(bySid.get("ReadMasterSecret").path("Resource")).get(0).contains(":secret:rds!"));
    assertEquals(
        List.of("secretsmanager:GetRandomPassword"),
        strings(bySid.get("GenerateValues").path("Action")));
    assertTrue(
        strings(bySid.get("WriteOwnLogs").path("Resource"))
            .get(0)
            .contains(":log-group:/aws/lambda/knowledge-card-" + stack + "-secret-rotation:"));
  }

  @Test
  @DisplayName("the function waits for every policy of its role, the owners' grants included")
  void functionWaitsForEveryGrant() {
    var g = stack("staging").graph();
    var role = endingWith(g, "aws:iam/role:Role", "-rotation-role");
    var policies =
        g.ofType(ROLE_POLICY).stream()
            .filter(p -> p.prop("role").asText().equals(role.id()))
            .toList();
    assertEquals(4, policies.size(), "its own policy and the three grants");
    var function = only(g, FUNCTION);
    for (var policy : policies) {
      assertTrue(
          function.dependencies().contains(policy.urn()),
          "the first rotation may run before " + policy.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName(
      "Secrets Manager may invoke it only for each rotated secret of this account; rotate now and"
          + " every secretRotationDays")
  void eachRotatedSecretHasItsPermissionAndSchedule(String stack) {
    var g = stack(stack).graph();
    var rotated = Set.of(secretId(g, "-session"), secretId(g, "-app-role-secret"));
    var permissions = g.ofType(PERMISSION);
    assertEquals(2, permissions.size());
    for (var p : permissions) {
      assertEquals("secretsmanager.amazonaws.com", p.prop("principal").asText(), p.name());
      // The secret's own account: Secrets Manager invokes only for this account's secret.
      assertEquals(
          p.prop("sourceArn").asText().split(":")[4], p.prop("sourceAccount").asText(), p.name());
      assertTrue(rotated.contains(p.prop("sourceArn").asText()), p.name());
      assertEquals(only(g, FUNCTION).prop("name").asText(), p.prop("function").asText());
    }
    var rotations = g.ofType(ROTATION);
    assertEquals(
        rotated, new TreeSet<>(rotations.stream().map(r -> r.prop("secretId").asText()).toList()));
    for (var r : rotations) {
      assertEquals(30, r.prop("rotationRules.automaticallyAfterDays").asInt(), r.name());
      assertTrue(r.prop("rotateImmediately").asBoolean(), r.name() + " leaves the secret empty");
      var permission =
          permissions.stream()
              .filter(p -> p.prop("sourceArn").asText().equals(r.prop("secretId").asText()))
              .findFirst()
              .orElseThrow();
      assertTrue(
          r.dependencies().contains(permission.urn()),
          r.name() + " may start before Secrets Manager may invoke the function");
    }
  }

  @Test
  @DisplayName("secretRotationDays sets the schedule of every rotated secret")
  void scheduleComesFromConfig() {
    var result =
        StackFixture.succeed(
            StackFixture.run(
                StackFixture.withConfig(
                    "staging", Map.of("knowledge-card:secretRotationDays", "7"))));
    for (var r : result.graph().ofType(ROTATION)) {
      assertEquals(7, r.prop("rotationRules.automaticallyAfterDays").asInt(), r.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName(
      "Lambda.1/2/3/5 pass; SecretsManager.1/.4 fail only for the vendor key secrets (the waiver)")
  void controlsPassExceptVendorKeys(String stack) {
    var graph = new StackGraph(stack(stack).graph());
    for (var control : List.of("Lambda.1", "Lambda.2", "Lambda.3", "Lambda.5")) {
      var finding = Rules.evaluate(control, graph);
      assertEquals(PolicyStatus.PASS, finding.status(), control + ": " + finding.reason());
    }
    var vendorKey = endingWith(stack(stack).graph(), SECRET, "-openai-api-key").name();
    for (var control : List.of("SecretsManager.1", "SecretsManager.4")) {
      var finding = Rules.evaluate(control, graph);
      assertEquals(List.of(vendorKey), finding.resources(), control + ": " + finding.reason());
    }
  }

  private static JsonNode parse(JsonNode text) {
    try {
      return JSON.readTree(text.asText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<JsonNode> statements(JsonNode document) {
    var out = new java.util.ArrayList<JsonNode>();
    document.path("Statement").forEach(out::add);
    return out;
  }
}
