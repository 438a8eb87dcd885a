package dev.knowledgecard.infra.database;

import static dev.knowledgecard.infra.testing.DataGraphs.assertOnlyAppGroupReaches;
import static dev.knowledgecard.infra.testing.DataGraphs.dataSubnetIds;
import static dev.knowledgecard.infra.testing.DataGraphs.only;
import static dev.knowledgecard.infra.testing.DataGraphs.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.DatabaseSettings;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.SettingsFixtures;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTest {
  private static final String INSTANCE = "aws:rds/instance:Instance";
  private static final String PARAMS = "aws:rds/parameterGroup:ParameterGroup";
  private static final String SUBNETS = "aws:rds/subnetGroup:SubnetGroup";
  private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
  private static final String ROLE = "aws:iam/role:Role";
  private static final List<String> DATA_SUBNETS = List.of("subnet-data-a", "subnet-data-b");

  private static DatabaseSettings settings(boolean prod, int monitoring) {
    return SettingsFixtures.database().prod(prod).monitoringSeconds(monitoring).build();
  }

  private static OfflineEngine.Result component(DatabaseSettings settings) {
    return component(settings, ComponentInputs.context());
  }

  private static OfflineEngine.Result component(DatabaseSettings settings, StackContext context) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx -> {
          var groups = ComponentInputs.groups();
          var db =
              new Database(
                  "test-database",
                  new DatabaseArgs(
                      settings,
                      Output.of(DATA_SUBNETS),
                      groups.database(),
                      new RoleConfinement(
                          "/knowledge-card/test/",
                          Output.of("arn:aws:iam::123456789012:policy/test-boundary")),
                      7),
                  context,
                  com.pulumi.resources.ComponentResourceOptions.Empty);
          ctx.export("databaseGroupId", groups.database().id());
          ctx.export("address", db.endpoint().address());
          ctx.export("port", db.endpoint().port());
          ctx.export("secretArn", db.masterSecret().arn());
          ctx.export("identifier", db.instanceIdentifier());
          ctx.export("arn", db.instanceArn());
          ctx.export("appRoleSecretArn", db.appRoleSecret().arn());
        });
  }

  /** Properties every database must have, prod or staging. */
  private static void assertSecureBaseline(ResourceGraph graph) {
    var db = only(graph, INSTANCE);
    var n = db.name();
    assertFalse(db.prop("publiclyAccessible").asBoolean(true), n + " is publicly accessible");
    assertTrue(db.prop("storageEncrypted").asBoolean(), n + " storage is not encrypted");
    assertEquals("gp3", db.prop("storageType").asText(), n + " storage type");
    assertTrue(
        db.prop("maxAllocatedStorage").asInt() > db.prop("allocatedStorage").asInt(),
        n + " has no storage autoscaling headroom");
    assertEquals("postgres", db.prop("engine").asText(), n + " engine");
    assertTrue(
        List.of("16", "17").contains(db.prop("engineVersion").asText()),
        n + " engine version must be a pgvector-capable major (16 or 17)");
    assertTrue(db.prop("manageMasterUserPassword").asBoolean(), n + " password not RDS-managed");
    assertTrue(db.prop("password").isMissingNode(), n + " has a password input");
    assertFalse(
        List.of("postgres", "admin").contains(db.prop("username").asText()),
        n + " uses a default admin name (RDS.25)");
    assertEquals("knowledge_cards", db.prop("dbName").asText(), n + " database name");
    assertTrue(db.prop("port").asInt() != 5432, n + " listens on the default port (RDS.23)");
    assertTrue(db.prop("autoMinorVersionUpgrade").asBoolean(), n + " RDS.13");
    assertTrue(db.prop("copyTagsToSnapshot").asBoolean(), n + " RDS.17");
    assertTrue(db.prop("iamDatabaseAuthenticationEnabled").asBoolean(), n + " RDS.10");
    assertTrue(db.prop("backupRetentionPeriod").asInt() >= 7, n + " RDS.11");
    assertEquals(
        List.of("postgresql", "upgrade"),
        strings(db.prop("enabledCloudwatchLogsExports")),
        n + " log exports (RDS.9)");
    assertTrue(db.prop("performanceInsightsEnabled").asBoolean(), n + " Performance Insights");
    assertEquals(7, db.prop("performanceInsightsRetentionPeriod").asInt(), n + " PI free tier");

    var subnetGroup = only(graph, SUBNETS);
    assertEquals(
        subnetGroup.id(),
        db.prop("dbSubnetGroupName").asText(),
        n + " is not in the component's own subnet group");

    var params = only(graph, PARAMS);
    assertEquals(
        "postgres" + db.prop("engineVersion").asText(),
        params.prop("family").asText(),
        params.name() + " family does not match the engine");
    assertEquals(params.id(), db.prop("parameterGroupName").asText(), n + " parameter group");
    var values = parameterValues(params);
    assertEquals("1", values.get("rds.force_ssl"), params.name() + " must force TLS (RDS.38)");
    assertTrue(
        values.getOrDefault("shared_preload_libraries", "").contains("pg_stat_statements"),
        params.name() + " must preload pg_stat_statements");

    var identifier = db.prop("identifier").asText();
    for (var log : List.of("postgresql", "upgrade")) {
      var group =
          graph.ofType(LOG_GROUP).stream()
              .filter(
                  g ->
                      g.prop("name").asText().equals("/aws/rds/instance/" + identifier + "/" + log))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no log group for " + n + " " + log));
      assertTrue(group.prop("retentionInDays").asInt() > 0, group.name() + " keeps logs forever");
      assertTrue(db.dependencies().contains(group.urn()), n + " does not wait for " + group.name());
    }
  }

  private static Map<String, String> parameterValues(GraphResource params) {
    var values = new HashMap<String, String>();
    params
        .prop("parameters")
        .forEach(p -> values.put(p.path("name").asText(), p.path("value").asText()));
    return values;
  }

  @Test
  @DisplayName("component: private, encrypted, TLS-only, monitored database in its data subnets")
  void componentBaseline() {
    var result = component(settings(false, 60));
    var graph = result.graph();
    assertSecureBaseline(graph);
    var db = only(graph, INSTANCE);
    assertEquals(
        List.of(result.outputs().get("databaseGroupId")),
        strings(db.prop("vpcSecurityGroupIds")),
        "security group");
    assertEquals(
        DATA_SUBNETS, strings(only(graph, SUBNETS).prop("subnetIds")), "subnet group subnets");
    assertEquals(60, db.prop("monitoringInterval").asInt(), "enhanced monitoring interval");
    var role = only(graph, ROLE);
    assertTrue(
        db.prop("monitoringRoleArn").asText().endsWith("/" + role.id()), "monitoring role ARN");
    assertTrue(
        role.prop("assumeRolePolicy").asText().contains("monitoring.rds.amazonaws.com"),
        role.name() + " must be assumable by RDS monitoring only");
    assertEquals(5433, ((Number) result.outputs().get("port")).intValue(), "exported port");
    assertTrue(
        result.outputs().get("secretArn").toString().startsWith("arn:aws:secretsmanager:"),
        "exported secret ARN: " + result.outputs().get("secretArn"));
    assertEquals("knowledge-card-test-db", result.outputs().get("identifier"));
    assertTrue(result.outputs().get("address").toString().startsWith("knowledge-card-test-db."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cn-north-1:aws-cn", "us-gov-west-1:aws-us-gov", "eu-west-1:aws"})
  @DisplayName("the AWS-managed monitoring policy is named in the region's partition")
  void managedPolicyIsInTheRegionsPartition(String regionAndPartition) {
    var region = regionAndPartition.split(":")[0];
    var partition = regionAndPartition.split(":")[1];
    var graph = component(settings(false, 60), ComponentInputs.context(region)).graph();
    var attachment = only(graph, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    assertEquals(
        "arn:" + partition + ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        attachment.prop("policyArn").asText(),
        attachment.name());
  }

  @Test
  @DisplayName(
      "component: prod settings give Multi-AZ, deletion protection, protect and a final snapshot")
  void componentProdIsProtected() {
    var db = only(component(settings(true, 60)).graph(), INSTANCE);
    assertTrue(db.prop("multiAz").asBoolean(), "Multi-AZ");
    assertTrue(db.prop("deletionProtection").asBoolean(), "deletion protection");
    assertTrue(db.protect(), db.name() + " lacks Pulumi protect");
    assertFalse(db.prop("skipFinalSnapshot").asBoolean(true), "final snapshot skipped");
    assertEquals("knowledge-card-test-db-final", db.prop("finalSnapshotIdentifier").asText());
  }

  @Test
  @DisplayName("component: staging settings tear down easily")
  void componentStagingTearsDown() {
    var db = only(component(settings(false, 60)).graph(), INSTANCE);
    assertFalse(db.prop("multiAz").asBoolean(), "Multi-AZ");
    assertFalse(db.prop("deletionProtection").asBoolean(), "deletion protection");
    assertFalse(db.protect(), "protect");
    assertTrue(db.prop("skipFinalSnapshot").asBoolean(), "final snapshot");
  }

  @Test
  @DisplayName("component: monitoring interval 0 creates no monitoring role")
  void noMonitoringRoleWhenMonitoringIsOff() {
    var graph = component(settings(false, 0)).graph();
    assertTrue(graph.ofType(ROLE).isEmpty(), "a monitoring role without monitoring");
    assertTrue(only(graph, INSTANCE).prop("monitoringRoleArn").isMissingNode());
  }

  @Test
  @DisplayName("identifier is stack-derived, lowercase and within RDS's 63 characters")
  void identifierFitsRds() {
    assertEquals(
        "knowledge-card-prod-db",
        Database.identifier(
            new StackContext("knowledge-card", "prod", "us-east-1", "123456789012", Map.of())));
    var id =
        Database.identifier(
            new StackContext(
                "Knowledge__Card-" + "x".repeat(80),
                "prod",
                "us-east-1",
                "123456789012",
                Map.of()));
    assertTrue(id.length() <= 63, id);
    assertTrue(id.matches("[a-z][a-z0-9-]*[a-z0-9]") && !id.contains("--"), id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: database meets the baseline, in the data subnets, app-only")
  void committedStackBaseline(String stack) {
    var result = StackFixture.committedStack(stack);
    var graph = result.graph();
    assertSecureBaseline(graph);
    var db = only(graph, INSTANCE);
    assertEquals(
        dataSubnetIds(result),
        strings(only(graph, SUBNETS).prop("subnetIds")),
        stack + ": database subnet group is not exactly the data subnets");
    var dbGroupId =
        assertOnlyAppGroupReaches(graph, "-sg-db", db.prop("port").asInt(), "-sg-rotation");
    assertEquals(List.of(dbGroupId), strings(db.prop("vpcSecurityGroupIds")), "db group");
    assertEquals("knowledge_cards", result.outputs().get("databaseName"));
    assertEquals(5433, ((Number) result.outputs().get("databasePort")).intValue());
    assertTrue(result.outputs().get("databaseEndpoint").toString().contains(".rds.amazonaws.com"));
    assertTrue(result.outputs().get("databaseSecretArn").toString().contains(":secret:rds!"));
  }

  @Test
  @DisplayName(
      "prod database is Multi-AZ, protected, keeps 14 days of backups and a final snapshot")
  void prodDatabaseIsHighlyAvailableAndProtected() {
    var db = only(StackFixture.committedStack("prod").graph(), INSTANCE);
    assertTrue(db.prop("multiAz").asBoolean(), "prod database is not Multi-AZ (RDS.5)");
    assertTrue(db.prop("deletionProtection").asBoolean(), "no deletion protection (RDS.8)");
    assertTrue(db.protect(), "prod database lacks Pulumi protect");
    assertEquals(14, db.prop("backupRetentionPeriod").asInt(), "prod backup retention");
    assertFalse(db.prop("skipFinalSnapshot").asBoolean(true), "prod skips its final snapshot");
    assertEquals(60, db.prop("monitoringInterval").asInt(), "enhanced monitoring (RDS.6)");
  }

  @Test
  @DisplayName("staging database is single-AZ, 7 days of backups, easy to tear down")
  void stagingDatabaseIsCheap() {
    var db = only(StackFixture.committedStack("staging").graph(), INSTANCE);
    assertFalse(db.prop("multiAz").asBoolean(), "staging Multi-AZ");
    assertEquals(7, db.prop("backupRetentionPeriod").asInt(), "staging backup retention");
    assertFalse(db.prop("deletionProtection").asBoolean(), "staging deletion protection");
    assertFalse(db.protect(), "staging protect");
    assertEquals("db.t4g.micro", db.prop("instanceClass").asText(), "staging instance class");
  }
}
