package dev.knowledgecard.infra.containerservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.ServiceSettings;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.database.DatabaseEndpoint;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.securitygroups.SecurityGroups;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.SettingsFixtures;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The container service alone, fed literal outputs: every property DO-8 asks for, by name. */
class ContainerServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StackContext CONTEXT = ComponentInputs.context();
  private static final String ACCOUNT = CONTEXT.accountId();
  private static final String REPO_URL =
      ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/knowledge-card-test/app";
  private static final String DB_SECRET = secretArn("kc-test/db-app-role-AbCdEf");
  private static final String SESSION_SECRET = secretArn("kc-test/session-GhIjKl");
  private static final String MASTER_SECRET = secretArn("rds!db-1234-MnOpQr");
  private static final String BOUNDARY_ARN =
      CONTEXT.globalArn("iam", "policy/knowledge-card/test/ci/workload-boundary");
  private static final PolicyStatement STORAGE =
      PolicyStatement.allow("MediaReadWrite")
          .actions("s3:GetObject", "s3:PutObject")
          .resource("arn:aws:s3:::kc-media/*")
          .build();

  /** The repository's pull grant, which the stack makes with {@code registry.grantPull}. */
  private static final PolicyStatement PULL =
      PolicyStatement.allow("PullAppImage")
          .actions("ecr:BatchGetImage")
          .resource(CONTEXT.arn("ecr", "repository/knowledge-card-test/app"))
          .build();

  private static final String STORAGE_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"MediaReadWrite\",\"Effect\":\"Allow\","
          + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
          + "\"Resource\":[\"arn:aws:s3:::kc-media/*\"]}]}";
  private static final Map<String, String> SECRETS =
      orderedMap(
          "DB_USER", DB_SECRET + ":username::",
          "DB_PASSWORD", DB_SECRET + ":password::",
          "NEXTAUTH_SECRET", SESSION_SECRET);
  private static final Map<String, String> MIGRATION_SECRETS =
      orderedMap(
          "DB_USER", MASTER_SECRET + ":username::",
          "DB_PASSWORD", MASTER_SECRET + ":password::");

  private static String secretArn(String name) {
    return CONTEXT.arn("secretsmanager", "secret:" + name);
  }

  private static final String INJECTED_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadInjectedSecrets\","
          + "\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\"],"
          + "\"Resource\":[\""
          + DB_SECRET
          + "\",\""
          + SESSION_SECRET
          + "\"]}]}";
  private static final String CONNECT_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Connect\",\"Effect\":\"Allow\","
          + "\"Action\":[\"elasticache:Connect\"],\"Resource\":[\"arn:aws:elasticache:us-east-1:"
          + ACCOUNT
          + ":user:kc-test-app\"]}]}";

  static ServiceSettings settings(boolean exec, String tag, String migrationTag) {
    return SettingsFixtures.service().images(tag, migrationTag).exec(exec).build();
  }

  static OfflineEngine.Result run(ServiceSettings settings) {
    return StackFixture.runComponent(
        StackFixture.stackFile("prod"),
        ctx -> {
          var groups = ComponentInputs.groups();
          var service =
              new ContainerService(
                  "svc", args(groups).settings(settings).build(), ComponentInputs.context(), null);
          ctx.export("migrationTask", service.migrationTask());
          ctx.export("appGroupId", groups.app().id());
        });
  }

  /**
   * Everything but the settings, as the stack passes it, with the grants the owners of the secrets,
   * bucket and cache make.
   */
  static ContainerServiceArgs.Builder args(SecurityGroups groups) {
    var service = TaskRoles.create();
    service.execution().grant("image-pull", List.of(PULL));
    // What AppSecrets.grantRead grants: reading the secrets behind the injected variables.
    service
        .execution()
        .grant(
            "injected-secrets",
            "ReadInjectedSecrets",
            GrantableSecret.READ_ACTIONS,
            List.of(Output.of(DB_SECRET), Output.of(SESSION_SECRET)));
    service.task().grant("storage", List.of(STORAGE));
    service
        .task()
        .grant(
            "cache-connect",
            List.of(
                PolicyStatement.allow("Connect")
                    .actions("elasticache:Connect")
                    .resource("arn:aws:elasticache:us-east-1:" + ACCOUNT + ":user:kc-test-app")
                    .build()));
    new GrantableSecret("db-app-role-secret", "AppRoleSecret", Output.of(DB_SECRET))
        .grantRead(service.task());
    new GrantableSecret("session-secret", "SessionSecret", Output.of(SESSION_SECRET))
        .grantRead(service.task());
    var migration = TaskRoles.create();
    migration.execution().grant("image-pull", List.of(PULL));
    return ContainerServiceArgs.builder()
        .repositoryUrl(Output.of(REPO_URL))
        .subnetIds(Output.of(List.of("subnet-app-a", "subnet-app-b")))
        .connections(groups.app())
        .targetGroupArn(Output.of("arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":tg"))
        .loadBalancerArnSuffix(Output.of("app/kc-test/0123456789abcdef"))
        .targetGroupArnSuffix(Output.of("targetgroup/kc-test-tg/fedcba9876543210"))
        .publicUrl(Output.of("https://app.example.com"))
        .logGroupName(Output.of("/knowledge-card/test/app"))
        .database(
            new DatabaseEndpoint(
                Output.of("kc-db.abc.us-east-1.rds.amazonaws.com"),
                Output.of(5433),
                "knowledgecard"))
        .redis(Output.of("master.kc-cache.abc.use1.cache.amazonaws.com"), 6379)
        .redisUser(Output.of("kc-test-app"))
        .redisCacheName(Output.of("kc-cache"))
        .bucketName(Output.of("kc-media"))
        .appRoleSecretArn(Output.of(DB_SECRET))
        .sessionSecretArn(Output.of(SESSION_SECRET))
        .masterSecret(
            new GrantableSecret("master-secret", "MasterSecret", Output.of(MASTER_SECRET)))
        .appRoleName("knowledge_card_app")
        .containerSecrets(outputs(SECRETS))
        .serviceRoles(service)
        .migrationRoles(migration)
        .confinement(new RoleConfinement("/knowledge-card/test/", Output.of(BOUNDARY_ARN)));
  }

  private static Map<String, Output<String>> outputs(Map<String, String> values) {
    var outputs = new LinkedHashMap<String, Output<String>>();
    values.forEach((k, v) -> outputs.put(k, Output.of(v)));
    return outputs;
  }

  // Computed on first use, never in the static initialiser: the engine's threads read this
  // class's constants, which would wait forever on a class still being initialised.
  private static OfflineEngine.Result defaultResult;

  private static synchronized OfflineEngine.Result defaults() {
    if (defaultResult == null) {
      defaultResult = run(settings(false, "v1.2.3", "v1.2.4"));
    }
    return defaultResult;
  }

  private static ResourceGraph graph() {
    return defaults().graph();
  }

  static JsonNode json(GraphResource r, String prop) {
    try {
      return JSON.readTree(r.prop(prop).asText());
    } catch (java.io.IOException e) {
      throw new AssertionError(r.name() + "." + prop + " is not JSON", e);
    }
  }

  static JsonNode container(ResourceGraph g, String name) {
    var definitions =
        json(g.named("aws:ecs/taskDefinition:TaskDefinition", name), "containerDefinitions");
    assertEquals(1, definitions.size(), name + " has one container");
    return definitions.get(0);
  }

  static Map<String, String> pairs(JsonNode array, String valueField) {
    var map = new LinkedHashMap<String, String>();
    array.forEach(n -> map.put(n.path("name").asText(), n.path(valueField).asText()));
    return map;
  }

  static List<JsonNode> statements(JsonNode policy) {
    return StreamSupport.stream(policy.path("Statement").spliterator(), false).toList();
  }

  static List<String> texts(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  @DisplayName("cluster has Container Insights as configured (ECS.12)")
  void clusterHasContainerInsights() {
    var cluster = graph().named("aws:ecs/cluster:Cluster", "svc-cluster");
    var setting = cluster.prop("settings").get(0);
    assertEquals("containerInsights", setting.path("name").asText());
    assertEquals("enabled", setting.path("value").asText());
  }

  @Test
  @DisplayName("task definition: Fargate, awsvpc, configured CPU, memory and architecture")
  void taskDefinitionIsFargateAwsvpcWithConfiguredSize() {
    var task = graph().named("aws:ecs/taskDefinition:TaskDefinition", "svc-task");
    assertEquals("knowledge-card-test-app", task.prop("family").asText());
    assertEquals(List.of("FARGATE"), texts(task.prop("requiresCompatibilities")));
    assertEquals("awsvpc", task.prop("networkMode").asText());
    assertEquals("512", task.prop("cpu").asText());
    assertEquals("1024", task.prop("memory").asText());
    assertEquals("ARM64", task.prop("runtimePlatform.cpuArchitecture").asText());
    assertEquals("LINUX", task.prop("runtimePlatform.operatingSystemFamily").asText());
    assertTrue(task.prop("pidMode").isMissingNode(), "no host PID mode (ECS.3)");
    var volumes = new TreeSet<String>();
    task.prop("volumes").forEach(v -> volumes.add(v.path("name").asText()));
    assertEquals(Set.of("next-cache", "tmp"), volumes, "ephemeral scratch volumes only");
  }

  @Test
  @DisplayName("container image is the repository URL plus the configured tag")
  void containerImageIsRepositoryPlusTag() {
    assertEquals(REPO_URL + ":v1.2.3", container(graph(), "svc-task").path("image").asText());
    assertEquals(
        REPO_URL + ":v1.2.4", container(graph(), "svc-migration-task").path("image").asText());
  }

  @Test
  @DisplayName("a digest renders as repository@sha256:...")
  void digestRendersWithAt() {
    var digest = "sha256:" + "ab".repeat(32);
    var result = run(settings(false, digest, digest));
    assertEquals(
        REPO_URL + "@" + digest, container(result.graph(), "svc-task").path("image").asText());
  }

  @Test
  @DisplayName(
      "container environment is exactly the non-secret contract and holds no secret (ECS.8)")
  void environmentIsTheNonSecretContract() {
    var app = container(graph(), "svc-task");
    var env = pairs(app.path("environment"), "value");
    assertEquals(
        orderedMap(
            "AWS_REGION", "us-east-1",
            "DB_HOST", "kc-db.abc.us-east-1.rds.amazonaws.com",
            "DB_NAME", "knowledgecard",
            "DB_PORT", "5433",
            "DB_SSL", "verify-full",
            "DB_SECRET_ARN", DB_SECRET,
            "MEDIA_BUCKET", "kc-media",
            "NODE_ENV", "production",
            "PORT", "3000",
            "PUBLIC_URL", "https://app.example.com",
            "REDIS_AUTH_MODE", "iam",
            "REDIS_CACHE_NAME", "kc-cache",
            "REDIS_HOST", "master.kc-cache.abc.use1.cache.amazonaws.com",
            "REDIS_PORT", "6379",
            "REDIS_TLS", "true",
            "REDIS_USER", "kc-test-app",
            "SESSION_SECRET_ARN", SESSION_SECRET),
        env);
    for (var secret : SECRETS.keySet()) {
      assertFalse(env.containsKey(secret), secret + " must not be in environment");
    }
    // The *_SECRET_ARN variables name rotated secrets (not their values) for re-reads.
    env.forEach(
        (name, value) ->
            assertTrue(
                name.endsWith("_SECRET_ARN") || !value.contains(":secret:"),
                "a secret ARN in environment: " + name));
  }

  @Test
  @DisplayName(
      "migration environment: the database as master, DB_APP_USER to create, no Redis or session")
  void migrationEnvironmentIsTheMigrationContract() {
    var env = pairs(container(graph(), "svc-migration-task").path("environment"), "value");
    assertEquals(
        orderedMap(
            "AWS_REGION", "us-east-1",
            "DB_APP_USER", "knowledge_card_app",
            "DB_HOST", "kc-db.abc.us-east-1.rds.amazonaws.com",
            "DB_NAME", "knowledgecard",
            "DB_PORT", "5433",
            "DB_SSL", "verify-full",
            "DB_SECRET_ARN", MASTER_SECRET,
            "NODE_ENV", "production",
            "PORT", "3000"),
        env);
  }

  @Test
  @DisplayName("the service never receives the master credential: not injected, not granted")
  void serviceNeverReceivesTheMasterSecret() {
    var g = graph();
    var app = container(g, "svc-task").toString();
    assertFalse(app.contains(MASTER_SECRET), "the service's container names the master secret");
    for (var role : List.of("svc-execution-role", "svc-task-role")) {
      var id = g.named("aws:iam/role:Role", role).id();
      for (var rp : g.ofType("aws:iam/rolePolicy:RolePolicy")) {
        if (rp.prop("role").asText().equals(id)) {
          assertFalse(rp.prop("policy").asText().contains(MASTER_SECRET), rp.name());
        }
      }
    }
    // And the migration task's roles are its own: they read the master secret and nothing else.
    for (var role : List.of("svc-migration-execution-role", "svc-migration-task-role")) {
      var id = g.named("aws:iam/role:Role", role).id();
      var secrets = new TreeSet<String>();
      for (var rp : g.ofType("aws:iam/rolePolicy:RolePolicy")) {
        if (rp.prop("role").asText().equals(id)) {
          statements(json(rp, "policy")).stream()
              .filter(st -> texts(st.path("Action")).contains("secretsmanager:GetSecretValue"))
              .forEach(st -> secrets.addAll(texts(st.path("Resource"))));
        }
      }
      assertEquals(Set.of(MASTER_SECRET), secrets, role);
    }
  }

  @Test
  @DisplayName(
      "prod as committed: no policy of the service's roles names the master secret; the"
          + " migration's roles read it and no other secret")
  void committedStackKeepsTheMasterSecretToTheMigration() {
    var g = StackFixture.committedStack("prod").graph();
    // The master secret is RDS's own (rds!...): the rotation function is told its ARN.
    var master =
        g.ofType("aws:lambda/function:Function")
            .get(0)
            .prop("environment.variables.MASTER_SECRET_ARN")
            .asText();
    assertTrue(master.contains(":secret:rds!"), master);
    for (var role : List.of("prod-app-execution-role", "prod-app-task-role")) {
      var policies = policiesOf(g, role);
      assertFalse(policies.isEmpty(), role + " has no policy: is it still named so?");
      for (var rp : policies) {
        assertFalse(rp.prop("policy").asText().contains(":secret:rds!"), rp.name());
      }
    }
    for (var role : List.of("prod-app-migration-execution-role", "prod-app-migration-task-role")) {
      var read = new TreeSet<String>();
      for (var rp : policiesOf(g, role)) {
        statements(json(rp, "policy")).stream()
            .filter(st -> texts(st.path("Action")).contains("secretsmanager:GetSecretValue"))
            .forEach(st -> read.addAll(texts(st.path("Resource"))));
      }
      assertEquals(Set.of(master), read, role);
    }
  }

  private static List<GraphResource> policiesOf(ResourceGraph g, String role) {
    var id = g.named("aws:iam/role:Role", role).id();
    return g.ofType("aws:iam/rolePolicy:RolePolicy").stream()
        .filter(rp -> rp.prop("role").asText().equals(id))
        .toList();
  }

  @Test
  @DisplayName("secrets reach the container only through secrets[].valueFrom")
  void secretsOnlyThroughValueFrom() {
    for (var task : List.of("svc-task", "svc-migration-task")) {
      var c = container(graph(), task);
      assertEquals(
          task.equals("svc-task") ? SECRETS : MIGRATION_SECRETS,
          new java.util.TreeMap<>(pairs(c.path("secrets"), "valueFrom"))
              .entrySet().stream()
                  .collect(
                      java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
          task);
      c.path("secrets").forEach(s -> assertTrue(s.path("value").isMissingNode(), task));
    }
  }

  @Test
  @DisplayName(
      "container is hardened: non-root, read-only root, not privileged, logs, stop timeout")
  void containerIsHardened() {
    for (var task : List.of("svc-task", "svc-migration-task")) {
      var c = container(graph(), task);
      assertEquals("1001:1001", c.path("user").asText(), task + " user (ECS.20)");
      assertTrue(c.path("readonlyRootFilesystem").asBoolean(), task + " read-only root (ECS.5)");
      assertFalse(c.path("privileged").asBoolean(true), task + " privileged (ECS.4)");
      assertEquals(30, c.path("stopTimeout").asInt(), task + " stop timeout");
      var log = c.path("logConfiguration");
      assertEquals("awslogs", log.path("logDriver").asText(), task + " log driver (ECS.9)");
      assertEquals("/knowledge-card/test/app", log.path("options").path("awslogs-group").asText());
      assertEquals("us-east-1", log.path("options").path("awslogs-region").asText());
      var mounts = new LinkedHashMap<String, String>();
      c.path("mountPoints")
          .forEach(
              m -> {
                assertFalse(m.path("readOnly").asBoolean(true), task + " scratch mount writable");
                mounts.put(m.path("sourceVolume").asText(), m.path("containerPath").asText());
              });
      assertEquals(Map.of("tmp", "/tmp", "next-cache", "/app/.next/cache"), mounts, task);
    }
    assertEquals(
        "app",
        container(graph(), "svc-task")
            .path("logConfiguration")
            .path("options")
            .path("awslogs-stream-prefix")
            .asText());
  }

  @Test
  @DisplayName("app container maps the app port and health-checks /api/health with node")
  void appContainerPortAndHealthCheck() {
    var c = container(graph(), "svc-task");
    var mapping = c.path("portMappings").get(0);
    assertEquals(3000, mapping.path("containerPort").asInt());
    assertEquals("tcp", mapping.path("protocol").asText());
    assertEquals(
        List.of(
            "CMD",
            "node",
            "-e",
            "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1))"
                + ".catch(()=>process.exit(1))"),
        texts(c.path("healthCheck").path("command")));
    assertTrue(c.path("healthCheck").path("startPeriod").asInt() > 0);
  }

  @Test
  @DisplayName("migration task runs npm run migrate in /app, same roles, network-ready, no port")
  void migrationTaskDefinition() {
    var g = graph();
    var migration = g.named("aws:ecs/taskDefinition:TaskDefinition", "svc-migration-task");
    var app = g.named("aws:ecs/taskDefinition:TaskDefinition", "svc-task");
    assertEquals("knowledge-card-test-migrate", migration.prop("family").asText());
    var c = container(g, "svc-migration-task");
    assertEquals(List.of("npm", "run", "migrate"), texts(c.path("command")));
    assertEquals("/app", c.path("workingDirectory").asText());
    assertEquals("migrate", c.path("name").asText());
    assertTrue(c.path("portMappings").isMissingNode(), "the migration serves nothing");
    assertTrue(c.path("healthCheck").isMissingNode(), "nothing to health-check without a port");
    for (var prop : List.of("networkMode", "cpu", "memory")) {
      assertEquals(app.prop(prop), migration.prop(prop), prop);
    }
    // Its own roles: only they may read the master secret.
    assertEquals(
        g.named("aws:iam/role:Role", "svc-migration-execution-role").id(),
        roleName(migration.prop("executionRoleArn").asText()));
    assertEquals(
        g.named("aws:iam/role:Role", "svc-migration-task-role").id(),
        roleName(migration.prop("taskRoleArn").asText()));
  }

  @Test
  @DisplayName("migration task details name the cluster, family, network, command and log stream")
  void migrationTaskDetails() {
    var g = graph();
    var task = (Map<?, ?>) defaults().outputs().get("migrationTask");
    var scalingResource =
        g.named("aws:appautoscaling/target:Target", "svc-scaling-target").prop("resourceId");
    assertEquals(
        scalingResource.asText().split("/")[1], task.get("cluster"), "the service's cluster");
    assertTrue(String.valueOf(task.get("cluster")).startsWith("svc-cluster-"));
    assertEquals("knowledge-card-test-migrate", task.get("taskDefinitionFamily"));
    assertEquals("migrate", task.get("containerName"));
    assertEquals(List.of("subnet-app-a", "subnet-app-b"), task.get("subnets"));
    assertEquals(List.of(defaults().outputs().get("appGroupId")), task.get("securityGroups"));
    assertEquals(List.of("npm", "run", "migrate"), task.get("command"));
    assertEquals("/knowledge-card/test/app", task.get("logGroupName"));
    assertEquals(
        container(g, "svc-migration-task")
            .path("logConfiguration")
            .path("options")
            .path("awslogs-stream-prefix")
            .asText(),
        task.get("logStreamPrefix"));
  }

  @Test
  @DisplayName(
      "execution role: its own policy is the ECR login alone; the owners' grants attached as made")
  void executionRoleIsLeastPrivilege() {
    var policy =
        json(graph().named("aws:iam/rolePolicy:RolePolicy", "svc-execution-policy"), "policy");
    var own = statements(policy);
    assertEquals(1, own.size(), "nothing but the login, which no repository owns");
    assertEquals("EcrLogin", own.get(0).path("Sid").asText());
    assertEquals(List.of("*"), texts(own.get(0).path("Resource")));
    assertEquals(List.of("ecr:GetAuthorizationToken"), texts(own.get(0).path("Action")));
    // The owners wrote the grants; each is attached as is, as its own policy.
    var roleId = graph().named("aws:iam/role:Role", "svc-execution-role").id();
    assertEquals(
        List.of(
            "svc-execution-image-pull-policy",
            "svc-execution-injected-secrets-policy",
            "svc-execution-policy"),
        graph().ofType("aws:iam/rolePolicy:RolePolicy").stream()
            .filter(rp -> rp.prop("role").asText().equals(roleId))
            .map(GraphResource::name)
            .sorted()
            .toList());
    assertEquals(
        INJECTED_POLICY,
        graph()
            .named("aws:iam/rolePolicy:RolePolicy", "svc-execution-injected-secrets-policy")
            .prop("policy")
            .asText());
  }

  @Test
  @DisplayName("every secret valueFrom points into a granted secret ARN, here and in prod")
  void everyInjectedSecretIsGranted() {
    for (var task : List.of("svc", "svc-migration")) {
      assertInjectedSecretsGranted(graph(), task);
    }
    // The committed stack, where the secrets' owners (not this test) made the grants.
    var prod = StackFixture.committedStack("prod").graph();
    for (var task : List.of("prod-app", "prod-app-migration")) {
      assertInjectedSecretsGranted(prod, task);
    }
  }

  private static void assertInjectedSecretsGranted(ResourceGraph g, String task) {
    var granted = new HashSet<String>();
    policiesOf(g, task + "-execution-role").stream()
        .flatMap(rp -> statements(json(rp, "policy")).stream())
        .filter(s -> texts(s.path("Action")).contains("secretsmanager:GetSecretValue"))
        .forEach(s -> granted.addAll(texts(s.path("Resource"))));
    var injected = container(g, task + "-task").path("secrets");
    assertFalse(injected.isEmpty(), task + " injects no secret");
    injected.forEach(
        s -> {
          var from = s.path("valueFrom").asText();
          assertTrue(
              granted.stream().anyMatch(arn -> from.equals(arn) || from.startsWith(arn + ":")),
              s.path("name").asText() + " reads " + from + " which the role cannot");
        });
  }

  @Test
  @DisplayName("no role policy grants a wildcard action, and * resources only where AWS requires")
  void noWildcardActions() {
    var requiresStar =
        Set.of(
            "ecr:GetAuthorizationToken",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel");
    for (var result : List.of(defaults(), run(settings(true, "v1", "v1")))) {
      for (var rp : result.graph().ofType("aws:iam/rolePolicy:RolePolicy")) {
        for (var s : statements(json(rp, "policy"))) {
          for (var action : texts(s.path("Action"))) {
            assertFalse(action.contains("*"), rp.name() + " grants " + action);
          }
          if (texts(s.path("Resource")).contains("*")) {
            assertTrue(
                requiresStar.containsAll(texts(s.path("Action"))),
                rp.name() + " uses * for " + texts(s.path("Action")));
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "task role: the owners' grants (storage, cache connect, app role and session secrets); ECS"
          + " Exec channels only when enabled")
  void taskRoleHasStorageAndOptionalExec() {
    var g = graph();
    var taskRole = g.named("aws:iam/role:Role", "svc-task-role");
    var policies =
        g.ofType("aws:iam/rolePolicy:RolePolicy").stream()
            .filter(p -> p.prop("role").asText().equals(taskRole.id()))
            .sorted(java.util.Comparator.comparing(GraphResource::name))
            .toList();
    assertEquals(
        List.of(
            "svc-task-cache-connect-policy",
            "svc-task-db-app-role-secret-policy",
            "svc-task-session-secret-policy",
            "svc-task-storage-policy"),
        policies.stream().map(GraphResource::name).toList());
    assertEquals(STORAGE_POLICY, policies.get(3).prop("policy").asText());
    assertEquals(CONNECT_POLICY, policies.get(0).prop("policy").asText());
    var dbRead = statements(json(policies.get(1), "policy"));
    assertEquals(1, dbRead.size());
    assertEquals(List.of("secretsmanager:GetSecretValue"), texts(dbRead.get(0).path("Action")));
    assertEquals(List.of(DB_SECRET), texts(dbRead.get(0).path("Resource")));
    assertEquals(
        DB_SECRET,
        container(g, "svc-task").path("environment").findValues("value").stream()
            .map(com.fasterxml.jackson.databind.JsonNode::asText)
            .filter(DB_SECRET::equals)
            .findFirst()
            .orElse("DB_SECRET_ARN missing from the environment"));
    var trust = statements(json(taskRole, "assumeRolePolicy")).get(0);
    assertEquals(
        List.of(ACCOUNT),
        texts(trust.path("Condition").path("StringEquals").path("aws:SourceAccount")));

    var withExec = run(settings(true, "v1", "v1")).graph();
    var exec =
        json(withExec.named("aws:iam/rolePolicy:RolePolicy", "svc-task-exec-policy"), "policy");
    assertEquals(
        List.copyOf(ContainerService.EXEC_ACTIONS), texts(statements(exec).get(0).path("Action")));
    assertTrue(
        withExec
            .named("aws:ecs/service:Service", "svc-service")
            .prop("enableExecuteCommand")
            .asBoolean());
    var mounts = new ArrayList<String>();
    container(withExec, "svc-task")
        .path("mountPoints")
        .forEach(m -> mounts.add(m.path("containerPath").asText()));
    assertTrue(
        mounts.containsAll(ContainerService.EXEC_AGENT_PATHS.values()),
        "agent paths writable: " + mounts);
    assertTrue(
        container(withExec, "svc-task").path("readonlyRootFilesystem").asBoolean(), "ECS.5 kept");
  }

  @Test
  @DisplayName("service: Fargate LATEST in private subnets, no public IP, behind the target group")
  void serviceNetworkingAndLoadBalancer() {
    var service = graph().named("aws:ecs/service:Service", "svc-service");
    assertEquals("FARGATE", service.prop("launchType").asText());
    assertEquals("LATEST", service.prop("platformVersion").asText());
    assertFalse(service.prop("networkConfiguration.assignPublicIp").asBoolean(true), "ECS.2");
    assertEquals(
        List.of("subnet-app-a", "subnet-app-b"),
        texts(service.prop("networkConfiguration.subnets")));
    assertEquals(
        List.of(defaults().outputs().get("appGroupId")),
        texts(service.prop("networkConfiguration.securityGroups")));
    var lb = service.prop("loadBalancers").get(0);
    assertEquals("app", lb.path("containerName").asText());
    assertEquals(3000, lb.path("containerPort").asInt());
    assertTrue(lb.path("targetGroupArn").asText().endsWith(":tg"));
    assertEquals(2, service.prop("desiredCount").asInt());
    assertEquals("SERVICE", service.prop("propagateTags").asText());
    assertFalse(service.prop("enableExecuteCommand").asBoolean(true));
  }

  @Test
  @DisplayName("service deploys with rollback and full capacity: circuit breaker, 100%/200%, grace")
  void serviceDeploymentSettings() {
    var service = graph().named("aws:ecs/service:Service", "svc-service");
    assertTrue(service.prop("deploymentCircuitBreaker.enable").asBoolean());
    assertTrue(service.prop("deploymentCircuitBreaker.rollback").asBoolean());
    assertEquals(100, service.prop("deploymentMinimumHealthyPercent").asInt());
    assertEquals(200, service.prop("deploymentMaximumPercent").asInt());
    assertEquals(60, service.prop("healthCheckGracePeriodSeconds").asInt());
    assertEquals("ECS", service.prop("deploymentController.type").asText());
  }

  @Test
  @DisplayName("autoscaling tracks CPU and requests per target within the configured bounds")
  void autoscalingBoundsAndPolicies() {
    var g = graph();
    var target = g.named("aws:appautoscaling/target:Target", "svc-scaling-target");
    assertEquals(2, target.prop("minCapacity").asInt());
    assertEquals(6, target.prop("maxCapacity").asInt());
    assertEquals("ecs:service:DesiredCount", target.prop("scalableDimension").asText());
    assertTrue(target.prop("resourceId").asText().startsWith("service/svc-cluster-"));
    var cpu =
        g.named("aws:appautoscaling/policy:Policy", "svc-cpu-scaling")
            .prop("targetTrackingScalingPolicyConfiguration");
    assertEquals(
        "ECSServiceAverageCPUUtilization",
        cpu.path("predefinedMetricSpecification").path("predefinedMetricType").asText());
    assertEquals(70.0, cpu.path("targetValue").asDouble());
    assertEquals(60, cpu.path("scaleOutCooldown").asInt());
    assertEquals(300, cpu.path("scaleInCooldown").asInt());
    var requests =
        g.named("aws:appautoscaling/policy:Policy", "svc-requests-scaling")
            .prop("targetTrackingScalingPolicyConfiguration");
    assertEquals(
        "ALBRequestCountPerTarget",
        requests.path("predefinedMetricSpecification").path("predefinedMetricType").asText());
    assertEquals(
        "app/kc-test/0123456789abcdef/targetgroup/kc-test-tg/fedcba9876543210",
        requests.path("predefinedMetricSpecification").path("resourceLabel").asText());
    assertEquals(1000.0, requests.path("targetValue").asDouble());
  }

  @Test
  @DisplayName("a secret named like a plain variable is rejected when the args are built")
  void secretCollidingWithEnvironmentIsRejected() {
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                ContainerServiceArgs.builder()
                    .containerSecrets(Map.of("DB_HOST", Output.of(DB_SECRET))));
    assertTrue(error.getMessage().contains("DB_HOST"), error.getMessage());
  }

  @Test
  @DisplayName("an execution role nobody granted anything (no pull, no secrets) is rejected")
  void ungrantedExecutionRoleIsRejected() {
    assertBuildRejected(args -> args.serviceRoles(TaskRoles.create()), "granted nothing");
  }

  @Test
  @DisplayName("the migration task's roles are required: no silent default for them")
  void missingMigrationRolesAreRejected() {
    assertBuildRejected(args -> args.migrationRoles(null), "[migrationRoles]");
  }

  /** The stack's args, changed by {@code change}, fail to build with {@code message}. */
  private static void assertBuildRejected(
      java.util.function.UnaryOperator<ContainerServiceArgs.Builder> change, String message) {
    StackFixture.runComponent(
        StackFixture.stackFile("prod"),
        ctx -> {
          var args =
              change.apply(args(ComponentInputs.groups()).settings(settings(false, "v1", "v1")));
          var error =
              org.junit.jupiter.api.Assertions.assertThrows(
                  IllegalArgumentException.class, args::build);
          assertTrue(error.getMessage().contains(message), error.getMessage());
        });
  }

  @Test
  @DisplayName("both roles live on the stack's role path under the workload permissions boundary")
  void rolesAreConfined() {
    for (var name :
        List.of(
            "svc-execution-role",
            "svc-task-role",
            "svc-migration-execution-role",
            "svc-migration-task-role")) {
      var role = graph().named("aws:iam/role:Role", name);
      assertEquals("/knowledge-card/test/", role.prop("path").asText(), name);
      assertEquals(BOUNDARY_ARN, role.prop("permissionsBoundary").asText(), name);
    }
  }

  @Test
  @DisplayName("every child is named after the component")
  void childrenNamedAfterComponent() {
    var g = graph();
    var component = g.named(ContainerService.TYPE, "svc");
    var children = g.childrenOf(component);
    // Everything but the security groups (and the rules they hold) belongs to the component.
    var outside =
        g.declared().stream().filter(r -> r.name().equals("sg") || r.name().startsWith("sg-"));
    assertEquals(
        g.declared().size() - 1 - outside.count(), children.size(), "every resource is a child");
    children.forEach(c -> assertTrue(c.name().startsWith("svc-"), c.name()));
  }

  /** The role name (its id) at the end of a role ARN. */
  private static String roleName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static Map<String, String> orderedMap(String... kv) {
    var map = new java.util.TreeMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("a task definition waits for every inline policy of its execution and task roles")
  void taskDefinitionsWaitForTheirRolesPolicies(String stack) {
    var g = StackFixture.committedStack(stack).graph();
    var definitions = g.ofType("aws:ecs/taskDefinition:TaskDefinition");
    assertEquals(2, definitions.size(), "the app and the migration task");
    for (var definition : definitions) {
      var roleIds = new HashSet<String>();
      for (var roleArn : List.of("executionRoleArn", "taskRoleArn")) {
        g.ofType("aws:iam/role:Role").stream()
            .filter(role -> role.arn().equals(definition.prop(roleArn).asText()))
            .forEach(role -> roleIds.add(role.id()));
      }
      assertEquals(2, roleIds.size(), definition.name());
      var policies =
          g.ofType("aws:iam/rolePolicy:RolePolicy").stream()
              .filter(policy -> roleIds.contains(policy.prop("role").asText()))
              .map(GraphResource::urn)
              .toList();
      assertFalse(policies.isEmpty(), definition.name());
      assertTrue(
          definition.dependencies().containsAll(policies),
          definition.name() + " must depend on " + policies);
    }
  }
}
