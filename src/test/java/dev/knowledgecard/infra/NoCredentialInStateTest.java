package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.aws.elasticache.User;
import com.pulumi.aws.elasticache.UserArgs;
import com.pulumi.aws.elasticache.inputs.UserAuthenticationModeArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No credential in Pulumi state: no input the program sets carries a password, token, key or secret
 * value. Credentials are generated where they live (the rotation Lambda, RDS) or not needed (IAM
 * authentication); the program passes only references (ARNs, names) to them.
 */
class NoCredentialInStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Inputs that hold a credential whenever they are set, by resource type. */
  private static final Map<String, List<String>> CREDENTIAL_INPUTS =
      Map.of(
          "aws:secretsmanager/secretVersion:SecretVersion", List.of("secretString", "secretBinary"),
          "aws:elasticache/replicationGroup:ReplicationGroup", List.of("authToken"),
          "aws:elasticache/user:User", List.of("passwords", "authenticationMode.passwords"),
          "aws:rds/instance:Instance", List.of("password"),
          "aws:rds/cluster:Cluster", List.of("masterPassword"),
          "aws:docdb/cluster:Cluster", List.of("masterPassword"),
          "aws:redshift/cluster:Cluster", List.of("masterPassword"));

  /** Types whose mere existence means the program minted a credential. */
  private static final Set<String> CREDENTIAL_TYPES =
      Set.of(
          "aws:iam/accessKey:AccessKey",
          "aws:iam/userLoginProfile:UserLoginProfile",
          "aws:secretsmanager/secretVersion:SecretVersion",
          "random:index/randomPassword:RandomPassword",
          "tls:index/privateKey:PrivateKey");

  /** An input or variable named like a credential, wherever it appears. */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|passphrase|secret|token|api_?key|private_?key|credential).*");

  /**
   * Names that look like credentials but hold references or switches (httpTokens: the IMDSv2 switch
   * of a launch template, "required" or "optional").
   */
  private static final Pattern REFERENCE_NAME =
      Pattern.compile(
          "(?i)(skip.*|httptokens|.*(arn|_?id|name|prefix|kms.*|manage.*|recovery.*|grace.*|length))$");

  /** A reference, not a value: an ARN (optionally with ECS's {@code :key::} suffix). */
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:.*");

  /** Every credential the program sets in the graph, as {@code resource: input}. */
  static List<String> credentialsSetByProgram(ResourceGraph graph) {
    var found = new ArrayList<String>();
    for (var r : graph.resources()) {
      if (CREDENTIAL_TYPES.contains(r.type())) {
        found.add(r.name() + ": a " + r.type() + " exists");
      }
      for (var path : CREDENTIAL_INPUTS.getOrDefault(r.type(), List.of())) {
        if (isSet(r.prop(path))) {
          found.add(r.name() + ": " + path);
        }
      }
      walk(r, "", r.props(), found);
      if (r.is("aws:lambda/function:Function")) {
        r.prop("environment.variables")
            .properties()
            .forEach(v -> checkVariable(r, "environment", v.getKey(), v.getValue(), found));
      }
      if (r.is("aws:ecs/taskDefinition:TaskDefinition")) {
        for (var container : containers(r)) {
          for (var env : container.path("environment")) {
            checkVariable(r, "environment", env.path("name").asText(), env.path("value"), found);
          }
        }
      }
    }
    return found;
  }

  /** Any input named like a credential that holds a value other than a reference. */
  private static void walk(GraphResource r, String path, JsonNode node, List<String> found) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              f -> {
                var child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (f.getValue().isValueNode()
                    && CREDENTIAL_NAME.matcher(f.getKey()).matches()
                    && !REFERENCE_NAME.matcher(f.getKey()).matches()
                    && isSet(f.getValue())
                    && !ARN.matcher(f.getValue().asText()).matches()) {
                  found.add(r.name() + ": " + child);
                } else {
                  walk(r, child, f.getValue(), found);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(r, path + "[" + i + "]", node.get(i), found);
      }
    }
  }

  private static void checkVariable(
      GraphResource r, String where, String name, JsonNode value, List<String> found) {
    if (CREDENTIAL_NAME.matcher(name).matches()
        && !REFERENCE_NAME.matcher(name).matches()
        && isSet(value)
        && !ARN.matcher(value.asText()).matches()) {
      found.add(r.name() + ": " + where + " " + name);
    }
  }

  private static boolean isSet(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.isBoolean() || node.isNumber()) {
      return false;
    }
    return node.isContainerNode() ? node.size() > 0 : !node.asText().isEmpty();
  }

  private static List<JsonNode> containers(GraphResource task) {
    try {
      var list = new ArrayList<JsonNode>();
      JSON.readTree(task.prop("containerDefinitions").asText("[]")).forEach(list::add);
      return list;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: no input the program sets carries a credential")
  void committedStacksSetNoCredential(String stack) {
    var graph = StackFixture.committedStack(stack).graph();
    assertEquals(List.of(), credentialsSetByProgram(graph), stack);
    // The references are there: the app reads its credentials by ARN at run time.
    assertTrue(
        graph.ofType("aws:ecs/taskDefinition:TaskDefinition").stream()
            .flatMap(t -> containers(t).stream())
            .allMatch(c -> c.path("secrets").size() > 0),
        "every container reads its credentials from Secrets Manager");
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
        Arguments.of(
            "a secret version with a value",
            (Consumer<Context>)
                ctx ->
                    new SecretVersion(
                        "leak-version",
                        SecretVersionArgs.builder()
                            .secretId("arn:aws:secretsmanager:us-east-1:123456789012:secret:x")
                            .secretString("hunter2hunter2")
                            .build())),
        Arguments.of(
            "a cache user with a password",
            (Consumer<Context>)
                ctx ->
                    new User(
                        "leak-user",
                        UserArgs.builder()
                            .userId("leak")
                            .userName("leak")
                            .engine("redis")
                            .accessString("on ~* +@all")
                            .authenticationMode(
                                UserAuthenticationModeArgs.builder()
                                    .type("password")
                                    .passwords("correct-horse-battery")
                                    .build())
                            .build())),
        Arguments.of(
            "a database with a master password",
            (Consumer<Context>)
                ctx ->
                    new Instance(
                        "leak-db",
                        InstanceArgs.builder()
                            .engine("postgres")
                            .instanceClass("db.t4g.micro")
                            .allocatedStorage(20)
                            .username("kcadmin")
                            .password("correct-horse-battery")
                            .build())),
        Arguments.of(
            "a Lambda with a password in its environment",
            (Consumer<Context>)
                ctx ->
                    new Function(
                        "leak-function",
                        FunctionArgs.builder()
                            .role("arn:aws:iam::123456789012:role/x")
                            .runtime("nodejs22.x")
                            .handler("index.handler")
                            .environment(
                                FunctionEnvironmentArgs.builder()
                                    .variables(Map.of("DB_PASSWORD", "correct-horse-battery"))
                                    .build())
                            .build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  @DisplayName("mutation: the whole prod stack plus one credential set by the program is caught")
  void aCredentialSetByTheProgramIsCaught(String what, Consumer<Context> leak) {
    var program = StackFixture.stackFile("prod");
    var result =
        StackFixture.runComponent(
            program,
            ctx -> {
              KnowledgeCardStack.define(ctx, program.configKeys());
              leak.accept(ctx);
            });
    var found = credentialsSetByProgram(result.graph());
    assertTrue(found.stream().anyMatch(f -> f.startsWith("leak-")), what + " not caught: " + found);
    assertTrue(found.stream().allMatch(f -> f.startsWith("leak-")), "false positives: " + found);
  }
}
