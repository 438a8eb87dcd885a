package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.ACCOUNT_PUBLIC_ACCESS_BLOCK;
import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET;
import static dev.knowledgecard.infra.graph.AwsTypes.BUCKET_LOGGING;
import static dev.knowledgecard.infra.graph.AwsTypes.LOAD_BALANCER;
import static dev.knowledgecard.infra.report.policy.Checks.bool;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.parse;
import static dev.knowledgecard.infra.report.policy.Checks.statements;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.AccountPublicAccessBlock;
import dev.knowledgecard.infra.graph.aws.BucketLifecycleConfiguration;
import dev.knowledgecard.infra.graph.aws.BucketLogging;
import dev.knowledgecard.infra.graph.aws.BucketOwnershipControls;
import dev.knowledgecard.infra.graph.aws.BucketPolicy;
import dev.knowledgecard.infra.graph.aws.BucketPublicAccessBlock;
import dev.knowledgecard.infra.graph.aws.BucketVersioning;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * S3 buckets and the companion resources that configure them, joined by their {@code bucket} input
 * (S3.*).
 */
final class StorageRules {

  private static final Subjects BUCKETS = new Subjects(BUCKET, "S3 bucket");

  static final List<Rule> ALL =
      List.of(
          new Rule("S3.1", StorageRules::s3_1AccountBlocksPublicAccess),
          new Rule("S3.5", g -> BUCKETS.each(g, "denies requests without TLS", b -> s3_5(g, b))),
          new Rule(
              "S3.8",
              g -> BUCKETS.each(g, "blocks public access (all four flags)", b -> s3_8(g, b))),
          new Rule("S3.9", g -> BUCKETS.each(g, "has server access logging", b -> s3_9(g, b))),
          new Rule(
              "S3.12",
              g ->
                  BUCKETS.each(
                      g,
                      "uses BucketOwnerEnforced (no ACLs)",
                      b ->
                          companion(
                              g,
                              b,
                              BucketOwnershipControls.BUCKET,
                              "ownership controls with BucketOwnerEnforced",
                              x ->
                                  "BucketOwnerEnforced"
                                      .equals(
                                          BucketOwnershipControls.RULE_OBJECT_OWNERSHIP
                                              .of(x)
                                              .asText(""))))),
          new Rule(
              "S3.13",
              g ->
                  BUCKETS.each(
                      g,
                      "has a lifecycle configuration",
                      b ->
                          companion(
                              g,
                              b,
                              BucketLifecycleConfiguration.BUCKET,
                              "a lifecycle configuration",
                              x -> true))),
          new Rule(
              "S3.14",
              g ->
                  BUCKETS.each(
                      g,
                      "has versioning enabled",
                      b ->
                          companion(
                              g,
                              b,
                              BucketVersioning.BUCKET,
                              "versioning Enabled",
                              x ->
                                  "Enabled"
                                      .equals(
                                          BucketVersioning.VERSIONING_STATUS.of(x).asText(""))))));

  private StorageRules() {}

  /** A companion of the bucket (joined by {@code joinedBy}) must satisfy the predicate. */
  private static Optional<String> companion(
      StackGraph g,
      GraphResource bucket,
      Prop joinedBy,
      String what,
      Predicate<GraphResource> satisfies) {
    var type = joinedBy.type();
    return g.referencing(bucket, joinedBy).stream().anyMatch(satisfies)
        ? Optional.empty()
        : Optional.of("no " + what + " (" + type.substring(type.lastIndexOf(':') + 1) + ")");
  }

  private static Optional<String> s3_9(StackGraph g, GraphResource bucket) {
    var problem = companion(g, bucket, BucketLogging.BUCKET, "server access logging", x -> true);
    if (problem.isEmpty()) {
      return problem;
    }
    // Security Hub exempts no bucket, log destinations included; say so, the fix differs.
    var logsFor =
        g.all(BUCKET_LOGGING).stream()
            .filter(l -> g.referenced(l, BucketLogging.TARGET_BUCKET, BUCKET).contains(bucket))
            .map(GraphResource::name)
            .toList();
    var lbLogs =
        g.all(LOAD_BALANCER).stream()
            .filter(
                lb ->
                    StackGraph.identifiers(bucket)
                        .contains(LoadBalancer.ACCESS_LOGS_BUCKET.of(lb).asText("")))
            .map(GraphResource::name)
            .toList();
    if (logsFor.isEmpty() && lbLogs.isEmpty()) {
      return problem;
    }
    return Optional.of(
        problem.get()
            + "; it is itself a log destination ("
            + String.join(", ", logsFor.isEmpty() ? lbLogs : logsFor)
            + "): log it to another bucket, or waive S3.9 for it with a reason");
  }

  private static Optional<String> allFlags(GraphResource block, List<Prop> flags) {
    var off = flags.stream().filter(f -> !bool(f.of(block), false)).map(Prop::path).toList();
    return off.isEmpty() ? Optional.empty() : Optional.of(block.name() + " leaves " + off + " off");
  }

  private static Optional<String> s3_8(StackGraph g, GraphResource bucket) {
    var blocks = g.referencing(bucket, BucketPublicAccessBlock.BUCKET);
    if (blocks.isEmpty()) {
      return Optional.of("no BucketPublicAccessBlock");
    }
    return blocks.stream()
        .map(b -> allFlags(b, BucketPublicAccessBlock.FLAGS))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Finding s3_1AccountBlocksPublicAccess(StackGraph g) {
    var account = g.all(ACCOUNT_PUBLIC_ACCESS_BLOCK);
    if (!account.isEmpty()) {
      return each(
          account,
          "account public access block",
          "all four flags on",
          b -> allFlags(b, AccountPublicAccessBlock.FLAGS));
    }
    // The account-level setting lives outside this program; every bucket it creates blocks.
    var perBucket = BUCKETS.each(g, "blocks public access (all four flags)", b -> s3_8(g, b));
    return perBucket.status() == PolicyStatus.PASS
        ? Finding.pass(
            perBucket.resources(),
            perBucket.reason()
                + "; the account-level block is not managed by this program and is not visible"
                + " offline")
        : perBucket;
  }

  private static Optional<String> s3_5(StackGraph g, GraphResource bucket) {
    for (var policy : g.referencing(bucket, BucketPolicy.BUCKET)) {
      var doc = parse(BucketPolicy.POLICY.of(policy));
      if (doc.isPresent()) {
        for (var statement : statements(doc.get())) {
          if ("Deny".equals(statement.path("Effect").asText(""))
              && StackGraph.texts(
                      statement.path("Condition").path("Bool").path("aws:SecureTransport"))
                  .contains("false")) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.of("no bucket policy denying requests where aws:SecureTransport is false");
  }
}
