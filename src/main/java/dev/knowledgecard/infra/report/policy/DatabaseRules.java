package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.INTERNET_GATEWAY;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_CLUSTER;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_INSTANCE;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_PARAMETER_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.RDS_SUBNET_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.ROUTE_TABLE;
import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;
import static dev.knowledgecard.infra.report.policy.Checks.shown;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.RdsCluster;
import dev.knowledgecard.infra.graph.aws.RdsInstance;
import dev.knowledgecard.infra.graph.aws.RdsParameterGroup;
import dev.knowledgecard.infra.graph.aws.RdsSubnetGroup;
import dev.knowledgecard.infra.graph.aws.Route;
import dev.knowledgecard.infra.graph.aws.RouteTable;
import dev.knowledgecard.infra.graph.aws.RouteTableAssociation;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** RDS instances (RDS.*): exposure, encryption, availability, logging, TLS, subnets. */
final class DatabaseRules {

  private static final Subjects DATABASES = new Subjects(RDS_INSTANCE, "RDS instance");

  static final List<Rule> ALL =
      List.of(
          new Rule(
              "RDS.2",
              g ->
                  DATABASES.each(
                      g,
                      "not publicly accessible",
                      r -> isFalse(r, RdsInstance.PUBLICLY_ACCESSIBLE, false))),
          new Rule(
              "RDS.3",
              g ->
                  DATABASES.each(
                      g,
                      "storage encrypted",
                      r -> isTrue(r, RdsInstance.STORAGE_ENCRYPTED, false))),
          new Rule(
              "RDS.5",
              g -> DATABASES.each(g, "Multi-AZ", r -> isTrue(r, RdsInstance.MULTI_AZ, false))),
          new Rule("RDS.6", g -> DATABASES.each(g, "enhanced monitoring", DatabaseRules::rds6)),
          new Rule(
              "RDS.7",
              g ->
                  each(
                      g,
                      RDS_CLUSTER,
                      "RDS cluster",
                      "deletion protection",
                      r -> isTrue(r, RdsCluster.DELETION_PROTECTION, false))),
          new Rule(
              "RDS.8",
              g ->
                  DATABASES.each(
                      g,
                      "deletion protection",
                      r -> isTrue(r, RdsInstance.DELETION_PROTECTION, false))),
          new Rule(
              "RDS.9",
              g -> DATABASES.each(g, "exports postgresql and upgrade logs", DatabaseRules::rds9)),
          new Rule(
              "RDS.10",
              g ->
                  DATABASES.each(
                      g,
                      "IAM authentication",
                      r -> isTrue(r, RdsInstance.IAM_AUTHENTICATION, false))),
          new Rule(
              "RDS.11", g -> DATABASES.each(g, "backups kept >= 7 days", DatabaseRules::rds11)),
          new Rule(
              "RDS.13",
              g ->
                  DATABASES.each(
                      g,
                      "auto minor version upgrade",
                      r -> isTrue(r, RdsInstance.AUTO_MINOR_VERSION_UPGRADE, true))),
          new Rule(
              "RDS.17",
              g ->
                  DATABASES.each(
                      g,
                      "copies tags to snapshots",
                      r -> isTrue(r, RdsInstance.COPY_TAGS_TO_SNAPSHOT, false))),
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
    if (RdsInstance.MONITORING_INTERVAL.of(db).asInt(0) <= 0) {
      return Optional.of("monitoringInterval is " + shown(RdsInstance.MONITORING_INTERVAL.of(db)));
    }
    return RdsInstance.MONITORING_ROLE_ARN.of(db).asText("").isEmpty()
        ? Optional.of("monitoringRoleArn is unset")
        : Optional.empty();
  }

  private static Optional<String> rds9(GraphResource db) {
    var exports = StackGraph.texts(RdsInstance.LOG_EXPORTS.of(db));
    var engine = RdsInstance.ENGINE.of(db).asText("postgres");
    var wanted = engine.contains("postgres") ? List.of("postgresql", "upgrade") : List.of("error");
    var missing = wanted.stream().filter(w -> !exports.contains(w)).toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("enabledCloudwatchLogsExports lacks " + missing);
  }

  private static Optional<String> rds11(GraphResource db) {
    var days = RdsInstance.BACKUP_RETENTION_PERIOD.of(db).asInt(1);
    return days >= 7 ? Optional.empty() : Optional.of("backupRetentionPeriod is " + days);
  }

  private static int defaultPort(GraphResource db) {
    var engine = RdsInstance.ENGINE.of(db).asText("postgres");
    return engine.contains("postgres") ? 5432 : engine.contains("sql") ? 3306 : -1;
  }

  private static Optional<String> rds23(GraphResource db) {
    var port = RdsInstance.PORT.of(db).asInt(defaultPort(db));
    return port == defaultPort(db)
        ? Optional.of(
            "port is the default "
                + port
                + (RdsInstance.PORT.of(db).isMissingNode() ? " (unset)" : ""))
        : Optional.empty();
  }

  private static Optional<String> rds25(GraphResource db) {
    var user = RdsInstance.USERNAME.of(db).asText("");
    return user.isEmpty() || Set.of("postgres", "admin", "root").contains(user)
        ? Optional.of("username is " + (user.isEmpty() ? "unset" : user))
        : Optional.empty();
  }

  private static Optional<String> rds38(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, RdsInstance.PARAMETER_GROUP_NAME, RDS_PARAMETER_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no project parameter group (the default group cannot force TLS)");
    }
    for (var group : groups) {
      for (var p : RdsParameterGroup.PARAMETERS.of(group)) {
        if ("rds.force_ssl".equals(RdsParameterGroup.PARAMETERS_NAME.in(p).asText(""))
            && "1".equals(RdsParameterGroup.PARAMETERS_VALUE.in(p).asText(""))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("parameter group does not set rds.force_ssl=1");
  }

  private static Optional<String> rds46(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, RdsInstance.DB_SUBNET_GROUP_NAME, RDS_SUBNET_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no DB subnet group of the project (the default group is public)");
    }
    var exposed = new ArrayList<String>();
    for (var group : groups) {
      for (var subnet : g.referenced(group, RdsSubnetGroup.SUBNET_IDS, SUBNET)) {
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
    for (var association : g.referencing(subnet, RouteTableAssociation.SUBNET_ID)) {
      for (var table :
          g.referenced(association, RouteTableAssociation.ROUTE_TABLE_ID, ROUTE_TABLE)) {
        for (var route : g.referencing(table, Route.ROUTE_TABLE_ID)) {
          if (!g.referenced(route, Route.GATEWAY_ID, INTERNET_GATEWAY).isEmpty()
              || Route.GATEWAY_ID.of(route).asText("").startsWith("igw-")) {
            return true;
          }
        }
        for (var inline : RouteTable.ROUTES.of(table)) {
          if (RouteTable.ROUTES_GATEWAY_ID.in(inline).asText("").startsWith("igw-")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
