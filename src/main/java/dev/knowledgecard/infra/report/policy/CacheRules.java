package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_SUBNET_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.REPLICATION_GROUP;
import static dev.knowledgecard.infra.report.policy.Checks.bool;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ElastiCache replication groups (ElastiCache.*). */
final class CacheRules {
  private static final Prop SNAPSHOT_RETENTION =
      Prop.of(REPLICATION_GROUP, "snapshotRetentionLimit");
  private static final Prop MINOR_UPGRADES = Prop.of(REPLICATION_GROUP, "autoMinorVersionUpgrade");
  private static final Prop FAILOVER = Prop.of(REPLICATION_GROUP, "automaticFailoverEnabled");
  private static final Prop MULTI_AZ = Prop.of(REPLICATION_GROUP, "multiAzEnabled");
  private static final Prop AT_REST = Prop.of(REPLICATION_GROUP, "atRestEncryptionEnabled");
  private static final Prop IN_TRANSIT = Prop.of(REPLICATION_GROUP, "transitEncryptionEnabled");
  private static final Prop AUTH_TOKEN = Prop.of(REPLICATION_GROUP, "authToken");
  private static final Prop USER_GROUPS = Prop.of(REPLICATION_GROUP, "userGroupIds");
  private static final Prop SUBNET_GROUP = Prop.of(REPLICATION_GROUP, "subnetGroupName");

  private static final Subjects CACHES =
      new Subjects(REPLICATION_GROUP, "ElastiCache replication group");

  static final List<Rule> ALL =
      List.of(
          new Rule(
              "ElastiCache.1",
              g ->
                  CACHES.each(
                      g,
                      "automatic backups",
                      r ->
                          SNAPSHOT_RETENTION.of(r).asInt(0) >= 1
                              ? Optional.empty()
                              : Optional.of("snapshotRetentionLimit is below 1"))),
          new Rule(
              "ElastiCache.2",
              g ->
                  CACHES.each(
                      g, "auto minor version upgrade", r -> isTrue(r, MINOR_UPGRADES, true))),
          new Rule(
              "ElastiCache.3",
              g -> CACHES.each(g, "automatic Multi-AZ failover", CacheRules::cache3)),
          new Rule(
              "ElastiCache.4",
              g -> CACHES.each(g, "encrypted at rest", r -> isTrue(r, AT_REST, false))),
          new Rule(
              "ElastiCache.5",
              g -> CACHES.each(g, "encrypted in transit", r -> isTrue(r, IN_TRANSIT, false))),
          new Rule("ElastiCache.6", g -> CACHES.each(g, "requires AUTH", CacheRules::cache6)),
          new Rule(
              "ElastiCache.7",
              g -> CACHES.each(g, "uses the project's subnet group", r -> cache7(g, r))));

  private CacheRules() {}

  private static Optional<String> cache3(GraphResource r) {
    var problems = new ArrayList<String>();
    if (!bool(FAILOVER.of(r), false)) {
      problems.add("automaticFailoverEnabled is not true");
    }
    if (!bool(MULTI_AZ.of(r), false)) {
      problems.add("multiAzEnabled is not true");
    }
    if (StackGraph.cacheNodes(r) < 2) {
      problems.add(StackGraph.cacheNodes(r) + " node(s), failover needs 2");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
  }

  private static Optional<String> cache6(GraphResource r) {
    var token =
        r.secretProps().contains(AUTH_TOKEN.path()) || !AUTH_TOKEN.of(r).asText("").isEmpty();
    var rbac = USER_GROUPS.of(r).size() > 0;
    return token || rbac ? Optional.empty() : Optional.of("no authToken and no RBAC user group");
  }

  private static Optional<String> cache7(StackGraph g, GraphResource r) {
    var name = SUBNET_GROUP.of(r).asText("default");
    if ("default".equals(name)) {
      return Optional.of("uses the default subnet group");
    }
    return g.referenced(r, SUBNET_GROUP, CACHE_SUBNET_GROUP).isEmpty()
        ? Optional.of("subnet group " + name + " is not one the project declares")
        : Optional.empty();
  }
}
