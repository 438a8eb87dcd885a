package dev.knowledgecard.infra.cache;

import static dev.knowledgecard.infra.testing.DataGraphs.assertOnlyAppGroupReaches;
import static dev.knowledgecard.infra.testing.DataGraphs.dataSubnetIds;
import static dev.knowledgecard.infra.testing.DataGraphs.endingWith;
import static dev.knowledgecard.infra.testing.DataGraphs.only;
import static dev.knowledgecard.infra.testing.DataGraphs.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.CacheSettings;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheTest {
  private static final String GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
  private static final String SUBNETS = "aws:elasticache/subnetGroup:SubnetGroup";
  private static final String USER = "aws:elasticache/user:User";
  private static final String USER_GROUP = "aws:elasticache/userGroup:UserGroup";
  private static final List<String> DATA_SUBNETS = List.of("subnet-data-a", "subnet-data-b");

  private static OfflineEngine.Result component(int nodes) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx -> {
          var groups = ComponentInputs.groups();
          var cache =
              new Cache(
                  "test-cache",
                  new CacheArgs(
                      new CacheSettings("8.0", "cache.t4g.micro", nodes, 1),
                      Output.of(DATA_SUBNETS),
                      groups.cache()),
                  ComponentInputs.context(),
                  ComponentResourceOptions.Empty);
          var taskRole = new RoleGrants();
          cache.grantConnect(taskRole);
          ctx.export("endpoint", cache.primaryEndpoint());
          ctx.export("port", Output.of(cache.port()));
          ctx.export("userId", cache.userId());
          ctx.export("connectPolicy", taskRole.policies().get("cache-connect"));
          ctx.export("cacheGroupId", groups.cache().id());
          ctx.export("groupId", cache.replicationGroupId());
          ctx.export("members", cache.memberClusterIds());
        });
  }

  /** Properties every cache must have. */
  private static GraphResource assertSecureBaseline(ResourceGraph graph) {
    var group = only(graph, GROUP);
    var n = group.name();
    assertEquals("valkey", group.prop("engine").asText(), n + " engine");
    assertEquals("8.0", group.prop("engineVersion").asText(), n + " must be Valkey 8.0");
    assertEquals("disabled", group.prop("clusterMode").asText(), n + " cluster mode");
    assertTrue(group.prop("atRestEncryptionEnabled").asBoolean(), n + " ElastiCache.4");
    assertTrue(group.prop("transitEncryptionEnabled").asBoolean(), n + " ElastiCache.5");
    assertEquals("required", group.prop("transitEncryptionMode").asText(), n + " TLS optional");
    assertTrue(group.prop("snapshotRetentionLimit").asInt() >= 1, n + " ElastiCache.1");
    assertTrue(group.prop("autoMinorVersionUpgrade").asBoolean(), n + " ElastiCache.2");
    assertEquals(only(graph, SUBNETS).id(), group.prop("subnetGroupName").asText(), n + " EC.7");
    // BullMQ's jobs live here: keys must never be evicted under memory pressure.
    var parameters = only(graph, "aws:elasticache/parameterGroup:ParameterGroup");
    assertEquals(parameters.id(), group.prop("parameterGroupName").asText(), n + " parameters");
    assertEquals("valkey8", parameters.prop("family").asText(), parameters.name() + " family");
    assertEquals(
        "maxmemory-policy=noeviction",
        parameters.prop("parameters").get(0).path("name").asText()
            + "="
            + parameters.prop("parameters").get(0).path("value").asText(),
        parameters.name() + " must not evict BullMQ's keys");
    // ElastiCache.6 without a shared secret: RBAC, no AUTH token anywhere.
    assertTrue(group.prop("authToken").isMissingNode(), n + " has an AUTH token");
    var users = only(graph, USER_GROUP);
    assertEquals(List.of(users.id()), strings(group.prop("userGroupIds")), n + " user group");
    assertEquals("redis", users.prop("engine").asText());
    var app = endingWith(graph, USER, "-app-user");
    var off = endingWith(graph, USER, "-default-user");
    assertEquals(
        new java.util.TreeSet<>(List.of(app.id(), off.id())),
        new java.util.TreeSet<>(strings(users.prop("userIds"))),
        users.name() + " holds exactly the app user and the disabled default");
    return group;
  }

  @Test
  @DisplayName("the app user authenticates with IAM: id == name, least-privilege access string")
  void appUserAuthenticatesWithIam() {
    var result = component(1);
    var app = endingWith(result.graph(), USER, "-app-user");
    assertEquals("iam", app.prop("authenticationMode.type").asText());
    assertEquals(
        app.prop("userId").asText(), app.prop("userName").asText(), "IAM needs id == name");
    assertEquals("knowledge-card-test-app", app.prop("userId").asText());
    assertEquals(app.prop("userId").asText(), result.outputs().get("userId"));
    var access = app.prop("accessString").asText();
    assertTrue(access.startsWith("on "), access);
    assertTrue(access.contains("-@dangerous"), "dangerous commands: " + access);
    assertTrue(app.prop("passwords").isMissingNode(), "the app user has a password");
  }

  @Test
  @DisplayName("the mandatory default user is disabled and has no password")
  void defaultUserIsOff() {
    var off = endingWith(component(1).graph(), USER, "-default-user");
    assertEquals("default", off.prop("userName").asText());
    assertTrue(off.prop("accessString").asText().startsWith("off "), "default user is enabled");
    assertEquals("no-password-required", off.prop("authenticationMode.type").asText());
    assertTrue(off.prop("passwords").isMissingNode(), "the default user has a password");
  }

  @Test
  @DisplayName("the connect grant names exactly this replication group and the app user")
  void connectPolicyIsTheGroupAndTheUser() throws Exception {
    var result = component(2);
    var policy =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(result.outputs().get("connectPolicy").toString());
    var statement = policy.path("Statement").get(0);
    assertEquals(List.of("elasticache:Connect"), strings(statement.path("Action")));
    var resources = strings(statement.path("Resource"));
    assertEquals(2, resources.size(), resources.toString());
    assertTrue(
        resources
            .get(0)
            .matches(
                "arn:aws:elasticache:us-east-1:\\d{12}:replicationgroup:"
                    + only(result.graph(), GROUP).id()),
        resources.get(0));
    assertTrue(
        resources
            .get(1)
            .matches("arn:aws:elasticache:us-east-1:\\d{12}:user:knowledge-card-test-app"),
        resources.get(1));
    assertEquals(1, policy.path("Statement").size());
  }

  @Test
  @DisplayName("component: encrypted, RBAC-protected single-node cache without failover")
  void componentSingleNode() {
    var result = component(1);
    var group = assertSecureBaseline(result.graph());
    assertEquals(1, group.prop("numCacheClusters").asInt());
    assertFalse(group.prop("automaticFailoverEnabled").asBoolean(), "failover needs 2 nodes");
    assertFalse(group.prop("multiAzEnabled").asBoolean(), "Multi-AZ needs 2 nodes");
    assertEquals(
        List.of(result.outputs().get("cacheGroupId")), strings(group.prop("securityGroupIds")));
    assertEquals(DATA_SUBNETS, strings(only(result.graph(), SUBNETS).prop("subnetIds")));
    assertEquals(6379, ((Number) result.outputs().get("port")).intValue());
    assertTrue(result.outputs().get("endpoint").toString().contains(".cache.amazonaws.com"));
    assertEquals(
        List.of(result.outputs().get("groupId") + "-001"), result.outputs().get("members"));
  }

  @Test
  @DisplayName("component: two nodes fail over automatically across AZs")
  void componentTwoNodesFailOver() {
    var group = assertSecureBaseline(component(2).graph());
    assertEquals(2, group.prop("numCacheClusters").asInt());
    assertTrue(group.prop("automaticFailoverEnabled").asBoolean(), "automatic failover");
    assertTrue(group.prop("multiAzEnabled").asBoolean(), "Multi-AZ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: cache meets the baseline, in the data subnets, app-only")
  void committedStackBaseline(String stack) {
    var result = StackFixture.committedStack(stack);
    var graph = result.graph();
    var group = assertSecureBaseline(graph);
    assertEquals(
        dataSubnetIds(result),
        strings(only(graph, SUBNETS).prop("subnetIds")),
        stack + ": cache subnet group is not exactly the data subnets");
    var cacheGroupId = assertOnlyAppGroupReaches(graph, "-sg-cache", group.prop("port").asInt());
    assertEquals(List.of(cacheGroupId), strings(group.prop("securityGroupIds")));
    assertEquals(
        group.prop("port").asInt(), ((Number) result.outputs().get("cachePort")).intValue());
    assertTrue(result.outputs().get("cacheEndpoint").toString().startsWith("master."));
    assertEquals(endingWith(graph, USER, "-app-user").id(), result.outputs().get("cacheUserId"));
  }

  @Test
  @DisplayName("prod cache has two nodes with automatic failover and Multi-AZ")
  void prodCacheFailsOver() {
    var group = only(StackFixture.committedStack("prod").graph(), GROUP);
    assertEquals(2, group.prop("numCacheClusters").asInt(), "prod nodes");
    assertTrue(group.prop("automaticFailoverEnabled").asBoolean(), "prod ElastiCache.3");
    assertTrue(group.prop("multiAzEnabled").asBoolean(), "prod Multi-AZ");
    assertEquals("cache.t4g.micro", group.prop("nodeType").asText());
  }

  @Test
  @DisplayName("staging cache is a single node")
  void stagingCacheIsOneNode() {
    var group = only(StackFixture.committedStack("staging").graph(), GROUP);
    assertEquals(1, group.prop("numCacheClusters").asInt(), "staging nodes");
    assertFalse(group.prop("automaticFailoverEnabled").asBoolean(), "staging failover");
  }
}
