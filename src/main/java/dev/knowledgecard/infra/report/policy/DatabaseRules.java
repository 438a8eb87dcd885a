package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.INTERNET_GATEWAY;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_CLUSTER;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_INSTANCE;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_PARAMETER_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_SUBNET_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE;
import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE_TABLE;
import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE_TABLE_ASSOCIATION;
import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;
import static dev.knowledgecard.infra.report.policy.Checks.shown;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** RDS instances (RDS.*): exposure, encryption, availability, logging, TLS, subnets. */
final class DatabaseRules {
  private static final Prop PUBLICLY_ACCESSIBLE = Prop.of(RDS_INSTANCE, "publiclyAccessible");
  private static final Prop STORAGE_ENCRYPTED = Prop.of(RDS_INSTANCE, "storageEncrypted");
  private static final Prop MULTI_AZ = Prop.of(RDS_INSTANCE, "multiAz");
  private static final Prop MONITORING_INTERVAL = Prop.of(RDS_INSTANCE, "monitoringInterval");
  private static final Prop MONITORING_ROLE = Prop.of(RDS_INSTANCE, "monitoringRoleArn");
  private static final Prop DELETION_PROTECTION = Prop.of(RDS_INSTANCE, "deletionProtection");
  private static final Prop CLUSTER_DELETION_PROTECTION =
      Prop.of(RDS_CLUSTER, "deletionProtection");
  private static final Prop LOG_EXPORTS = Prop.of(RDS_INSTANCE, "enabledCloudwatchLogsExports");
  private static final Prop ENGINE = Prop.of(RDS_INSTANCE, "engine");
  private static final Prop IAM_AUTH = Prop.of(RDS_INSTANCE, "iamDatabaseAuthenticationEnabled");
  private static final Prop BACKUP_RETENTION = Prop.of(RDS_INSTANCE, "backupRetentionPeriod");
  private static final Prop MINOR_UPGRADES = Prop.of(RDS_INSTANCE, "autoMinorVersionUpgrade");
  private static final Prop COPY_TAGS = Prop.of(RDS_INSTANCE, "copyTagsToSnapshot");
  private static final Prop PORT = Prop.of(RDS_INSTANCE, "port");
  private static final Prop USERNAME = Prop.of(RDS_INSTANCE, "username");
  private static final Prop PARAMETER_GROUP = Prop.of(RDS_INSTANCE, "parameterGroupName");
  private static final Prop PARAMETERS = Prop.of(RDS_PARAMETER_GROUP, "parameters");
  private static final Prop PARAMETER_NAME = PARAMETERS.field("name");
  private static final Prop PARAMETER_VALUE = PARAMETERS.field("value");
  private static final Prop SUBNET_GROUP = Prop.of(RDS_INSTANCE, "dbSubnetGroupName");
  private static final Prop SUBNET_GROUP_SUBNETS = Prop.of(RDS_SUBNET_GROUP, "subnetIds");
  private static final Prop ASSOCIATION_SUBNET = Prop.of(ROUTE_TABLE_ASSOCIATION, "subnetId");
  private static final Prop ASSOCIATION_TABLE = Prop.of(ROUTE_TABLE_ASSOCIATION, "routeTableId");
  private static final Prop ROUTE_TABLE_OF_ROUTE = Prop.of(ROUTE, "routeTableId");
  private static final Prop ROUTE_GATEWAY = Prop.of(ROUTE, "gatewayId");
  private static final Prop INLINE_ROUTES = Prop.of(ROUTE_TABLE, "routes");
  private static final Prop INLINE_ROUTE_GATEWAY = INLINE_ROUTES.field("gatewayId");

  private static final Subjects DATABASES = new Subjects(RDS_INSTANCE, "RDS instance");

  static final List<Rule> ALL =
      List.of(
          new Rule(
              "RDS.2",
              g ->
                  DATABASES.each(
                      g, "not publicly accessible", r -> isFalse(r, PUBLICLY_ACCESSIBLE, false))),
          new Rule(
              "RDS.3",
              g ->
                  DATABASES.each(g, "storage encrypted", r -> isTrue(r, STORAGE_ENCRYPTED, false))),
          new Rule("RDS.5", g -> DATABASES.each(g, "Multi-AZ", r -> isTrue(r, MULTI_AZ, false))),
          new Rule("RDS.6", g -> DATABASES.each(g, "enhanced monitoring", DatabaseRules::rds6)),
          new Rule(
              "RDS.7",
              g ->
                  each(
                      g,
                      RDS_CLUSTER,
                      "RDS cluster",
                      "deletion protection",
                      r -> isTrue(r, CLUSTER_DELETION_PROTECTION, false))),
          new Rule(
              "RDS.8",
              g ->
                  DATABASES.each(
                      g, "deletion protection", r -> isTrue(r, DELETION_PROTECTION, false))),
          new Rule(
              "RDS.9",
              g -> DATABASES.each(g, "exports postgresql and upgrade logs", DatabaseRules::rds9)),
          new Rule(
              "RDS.10",
              g -> DATABASES.each(g, "IAM authentication", r -> isTrue(r, IAM_AUTH, false))),
          new Rule(
              "RDS.11", g -> DATABASES.each(g, "backups kept >= 7 days", DatabaseRules::rds11)),
          new Rule(
              "RDS.13",
              g ->
                  DATABASES.each(
                      g, "auto minor version upgrade", r -> isTrue(r, MINOR_UPGRADES, true))),
          new Rule(
              "RDS.17",
              g -> DATABASES.each(g, "copies tags to snapshots", r -> isTrue(r, COPY_TAGS, false))),
          new Rule(
              "RDS.23",
              g -> DATABASES.each(g, "not on the engine's default port", DatabaseRules::rds23)),
          new Rule(
              "RDS.25",
              g -> DATABASES.each(g, "not the default admin user name", DatabaseRules::rds25)),
          new Rule(
              "RDS.38",
              g -> DATABASES.each(g, "TLS enforced by its parameter group", r -> rds38(g, r))),
          new Rule(
              "RDS.46",
              g -> DATABASES.each(g, "subnets have no internet-gateway route", r -> rds46(g, r))));

  private DatabaseRules() {}

  private static Optional<String> rds6(GraphResource db) {
    if (MONITORING_INTERVAL.of(db).asInt(0) <= 0) {
      return Optional.of("monitoringInterval is " + shown(MONITORING_INTERVAL.of(db)));
    }
    return MONITORING_ROLE.of(db).asText("").isEmpty()
        ? Optional.of("monitoringRoleArn is unset")
        : Optional.empty();
  }

  private static Optional<String> rds9(GraphResource db) {
    var exports = StackGraph.texts(LOG_EXPORTS.of(db));
    var engine = ENGINE.of(db).asText("postgres");
    var wanted = engine.contains("postgres") ? List.of("postgresql", "upgrade") : List.of("error");
    var missing = wanted.stream().filter(w -> !exports.contains(w)).toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("enabledCloudwatchLogsExports lacks " + missing);
  }

  private static Optional<String> rds11(GraphResource db) {
    var days = BACKUP_RETENTION.of(db).asInt(1);
    return days >= 7 ? Optional.empty() : Optional.of("backupRetentionPeriod is " + days);
  }

  private static int defaultPort(GraphResource db) {
    var engine = ENGINE.of(db).asText("postgres");
    return engine.contains("postgres") ? 5432 : engine.contains("sql") ? 3306 : -1;
  }

  private static Optional<String> rds23(GraphResource db) {
    var port = PORT.of(db).asInt(defaultPort(db));
    return port == defaultPort(db)
        ? Optional.of(
            "port is the default " + port + (PORT.of(db).isMissingNode() ? " (unset)" : ""))
        : Optional.empty();
  }

  private static Optional<String> rds25(GraphResource db) {
    var user = USERNAME.of(db).asText("");
    return user.isEmpty() || Set.of("postgres", "admin", "root").contains(user)
        ? Optional.of("username is " + (user.isEmpty() ? "unset" : user))
        : Optional.empty();
  }

  private static Optional<String> rds38(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, PARAMETER_GROUP, RDS_PARAMETER_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no project parameter group (the default group cannot force TLS)");
    }
    for (var group : groups) {
      for (var p : PARAMETERS.of(group)) {
        if ("rds.force_ssl".equals(PARAMETER_NAME.in(p).asText(""))
            && "1".equals(PARAMETER_VALUE.in(p).asText(""))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("parameter group does not set rds.force_ssl=1");
  }

  private static Optional<String> rds46(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, SUBNET_GROUP, RDS_SUBNET_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no DB subnet group of the project (the default group is public)");
    }
    var exposed = new ArrayList<String>();
    for (var group : groups) {
      for (var subnet : g.referenced(group, SUBNET_GROUP_SUBNETS, SUBNET)) {
        if (hasInternetRoute(g, subnet)) {
          exposed.add(subnet.name());
        }
      }
    }
    return exposed.isEmpty()
        ? Optional.empty()
        : Optional.of("subnets with an internet-gateway route: " + exposed);
  }

  /** Whether the subnet's route table(s) send anything to an internet gateway. */
  private static boolean hasInternetRoute(StackGraph g, GraphResource subnet) {
    for (var association : g.referencing(subnet, ASSOCIATION_SUBNET)) {
      for (var table : g.referenced(association, ASSOCIATION_TABLE, ROUTE_TABLE)) {
        for (var route : g.referencing(table, ROUTE_TABLE_OF_ROUTE)) {
          if (!g.referenced(route, ROUTE_GATEWAY, INTERNET_GATEWAY).isEmpty()
              || ROUTE_GATEWAY.of(route).asText("").startsWith("igw-")) {
            return true;
          }
        }
        for (var inline : INLINE_ROUTES.of(table)) {
          if (INLINE_ROUTE_GATEWAY.in(inline).asText("").startsWith("igw-")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
