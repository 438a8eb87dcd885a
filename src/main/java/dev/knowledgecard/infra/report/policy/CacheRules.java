package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.CACHE_SUBNET_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.REPLICATION_GROUP;
import static dev.knowledgecard.infra.report.policy.Checks.bool;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.ReplicationGroup;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ElastiCache replication groups (ElastiCache.*). */
final class CacheRules {

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
                          ReplicationGroup.SNAPSHOT_RETENTION_LIMIT.of(r).asInt(0) >= 1
                              ? Optional.empty()
                              : Optional.of("snapshotRetentionLimit is below 1"))),
          new Rule(
              "ElastiCache.2",
              g ->
                  CACHES.each(
                      g,
                      "auto minor version upgrade",
                      r -> isTrue(r, ReplicationGroup.AUTO_MINOR_VERSION_UPGRADE, true))),
          new Rule(
              "ElastiCache.3",
              g -> CACHES.each(g, "automatic Multi-AZ failover", CacheRules::cache3)),
          new Rule(
              "ElastiCache.4",
              g ->
                  CACHES.each(
                      g,
                      "encrypted at rest",
                      r -> isTrue(r, ReplicationGroup.AT_REST_ENCRYPTION_ENABLED, false))),
          new Rule(
              "ElastiCache.5",
              g ->
                  CACHES.each(
                      g,
                      "encrypted in transit",
                      r -> isTrue(r, ReplicationGroup.TRANSIT_ENCRYPTION_ENABLED, false))),
          new Rule("ElastiCache.6", g -> CACHES.each(g, "requires AUTH", CacheRules::cache6)),
          new Rule(
              "ElastiCache.7",
              g -> CACHES.each(g, "uses the project's subnet group", r -> cache7(g, r))));

  private CacheRules() {}

  private static Optional<String> cache3(GraphResource r) {
    var problems = new ArrayList<String>();
    if (!bool(ReplicationGroup.AUTOMATIC_FAILOVER_ENABLED.of(r), false)) {
      problems.add("automaticFailoverEnabled is not true");
    }
    if (!bool(ReplicationGroup.MULTI_AZ_ENABLED.of(r), false)) {
      problems.add("multiAzEnabled is not true");
    }
    if (ReplicationGroup.nodes(r) < 2) {
      problems.add(ReplicationGroup.nodes(r) + " node(s), failover needs 2");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
  }

  private static Optional<String> cache6(GraphResource r) {
    var token =
        r.secretProps().contains(ReplicationGroup.AUTH_TOKEN.path())
            || !ReplicationGroup.AUTH_TOKEN.of(r).asText("").isEmpty();
    var rbac = ReplicationGroup.USER_GROUP_IDS.of(r).size() > 0;
    return token || rbac ? Optional.empty() : Optional.of("no authToken and no RBAC user group");
  }

  private static Optional<String> cache7(StackGraph g, GraphResource r) {
    var name = ReplicationGroup.SUBNET_GROUP_NAME.of(r).asText("default");
    if ("default".equals(name)) {
      return Optional.of("uses the default subnet group");
    }
    return g.referenced(r, ReplicationGroup.SUBNET_GROUP_NAME, CACHE_SUBNET_GROUP).isEmpty()
        ? Optional.of("subnet group " + name + " is not one the project declares")
        : Optional.empty();
  }
}
