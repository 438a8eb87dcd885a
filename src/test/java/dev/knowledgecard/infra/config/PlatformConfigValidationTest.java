package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Validation of the container platform's keys: each bad value names the key, the value and what is
 * allowed, and nothing is registered.
 */
class PlatformConfigValidationTest {
  private static final String NS = "knowledge-card:";

  /** Rejected platform settings; StackConfigValidationTest runs them with its own cases. */
  static List<Arguments> invalidConfigurations() {
    return List.of(
        Arguments.of(
            "Fargate CPU/memory pair Fargate does not accept",
            "prod",
            Map.of(NS + "taskCpu", "256", NS + "taskMemory", "4096"),
            NS + "taskMemory",
            "4096",
            "taskMemory one of [512, 1024, 2048]"),
        Arguments.of(
            "memory off the step for its CPU",
            "prod",
            Map.of(NS + "taskCpu", "1024", NS + "taskMemory", "2500"),
            NS + "taskMemory",
            "2500",
            "from 2048 to 8192 in steps of 1024"),
        Arguments.of(
            "CPU that is no Fargate size",
            "staging",
            Map.of(NS + "taskCpu", "300"),
            NS + "taskMemory",
            "taskCpu 300",
            "taskCpu one of [256, 512, 1024"),
        Arguments.of(
            "desired count above the autoscaling maximum",
            "staging",
            Map.of(NS + "desiredCount", "3"),
            NS + "desiredCount",
            "3",
            "minTasks..maxTasks (1..2)"),
        Arguments.of(
            "desired count below the autoscaling minimum",
            "prod",
            Map.of(NS + "desiredCount", "2", NS + "minTasks", "3"),
            NS + "desiredCount",
            "2",
            "(3..6)"),
        Arguments.of(
            "prod with one task",
            "prod",
            Map.of(NS + "desiredCount", "1", NS + "minTasks", "1"),
            NS + "desiredCount",
            "1",
            "at least 2 in prod"),
        Arguments.of(
            "autoscaling minimum above maximum",
            "staging",
            Map.of(NS + "minTasks", "3", NS + "maxTasks", "2"),
            NS + "minTasks",
            "3",
            "at most maxTasks (2)"),
        Arguments.of(
            "domain outside the hosted zone",
            "prod",
            Map.of(NS + "domainName", "app.example.org"),
            NS + "domainName",
            "app.example.org",
            "inside the hosted zone knowledgecard.app"),
        Arguments.of(
            "domain that only ends like the zone",
            "prod",
            Map.of(NS + "domainName", "evilknowledgecard.app"),
            NS + "domainName",
            "evilknowledgecard.app",
            "inside the hosted zone"),
        Arguments.of(
            "domain without a hosted zone",
            "staging",
            mapWith(NS + "hostedZoneName", null),
            NS + "hostedZoneName",
            "(unset)",
            "required with domainName"),
        Arguments.of(
            "prod without a domain",
            "prod",
            mapWith(NS + "domainName", null, NS + "hostedZoneName", null),
            NS + "domainName",
            "(unset)",
            "required in prod"),
        Arguments.of(
            "staging without a domain and without an ELB.1 waiver",
            "staging",
            mapWith(NS + "domainName", null, NS + "hostedZoneName", null),
            NS + "domainName",
            "plain HTTP",
            "relaxes control ELB.1"),
        Arguments.of(
            "malformed hosted zone id",
            "prod",
            Map.of(NS + "hostedZoneId", "zone-1"),
            NS + "hostedZoneId",
            "zone-1",
            "hosted zone id"),
        Arguments.of(
            "no account pinned",
            "prod",
            mapWith("aws:allowedAccountIds", null),
            "aws:allowedAccountIds",
            "(unset)",
            "exactly one 12-digit AWS account id"),
        Arguments.of(
            "two accounts for one stack",
            "staging",
            Map.of("aws:allowedAccountIds", "[\"111122223333\",\"444455556666\"]"),
            "aws:allowedAccountIds",
            "111122223333,444455556666",
            "exactly one 12-digit AWS account id"),
        Arguments.of(
            "delegated subdomain outside the zone",
            "prod",
            Map.of(
                NS + "delegatedSubdomains",
                "{\"staging.example.org\":[\"ns-1.awsdns-01.org\",\"ns-2.awsdns-02.com\"]}"),
            NS + "delegatedSubdomains.staging.example.org",
            "staging.example.org",
            "strictly inside hostedZoneName (knowledgecard.app)"),
        Arguments.of(
            "delegation with one name server",
            "prod",
            Map.of(
                NS + "delegatedSubdomains",
                "{\"staging.knowledgecard.app\":[\"ns-1.awsdns-01.org\"]}"),
            NS + "delegatedSubdomains.staging.knowledgecard.app",
            "ns-1.awsdns-01.org",
            "2 to 8 name servers"),
        Arguments.of(
            "delegation set on a looked-up zone",
            "prod",
            Map.of(NS + "hostedZoneDelegationSetId", "N0123456789ABCDEFGHIJ"),
            NS + "hostedZoneDelegationSetId",
            "N0123456789ABCDEFGHIJ",
            "only with hostedZoneOwned: true"),
        Arguments.of(
            "pull role that is not a role ARN",
            "staging",
            Map.of(NS + "imagePullRoles", "[\"444455556666\"]"),
            NS + "imagePullRoles",
            "444455556666",
            "an IAM role ARN"),
        Arguments.of(
            "image tag empty",
            "prod",
            Map.of(NS + "imageTag", ""),
            NS + "imageTag",
            "(unset)",
            "other than latest"),
        Arguments.of(
            "image tag latest",
            "prod",
            Map.of(NS + "imageTag", "latest"),
            NS + "imageTag",
            "latest",
            "other than latest"),
        Arguments.of(
            "image tag with characters ECR rejects",
            "staging",
            Map.of(NS + "imageTag", "feature/x"),
            NS + "imageTag",
            "feature/x",
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"),
        Arguments.of(
            "migration image tag latest",
            "staging",
            Map.of(NS + "migrationImageTag", "latest"),
            NS + "migrationImageTag",
            "latest",
            "other than latest"),
        Arguments.of(
            "digest that is not sha256 hex",
            "prod",
            Map.of(NS + "imageTag", "sha256:XYZ"),
            NS + "imageTag",
            "sha256:XYZ",
            "sha256:<64 lowercase hex>"),
        Arguments.of(
            "unknown CPU architecture",
            "staging",
            Map.of(NS + "cpuArchitecture", "arm64"),
            NS + "cpuArchitecture",
            "arm64",
            "ARM64"),
        Arguments.of(
            "Container Insights off in prod without a waiver",
            "prod",
            Map.of(NS + "containerInsights", "false"),
            NS + "containerInsights",
            "false",
            "relaxes control ECS.12"),
        Arguments.of(
            "ALB deletion protection off in prod without a waiver",
            "prod",
            Map.of(NS + "albDeletionProtection", "false"),
            NS + "albDeletionProtection",
            "false",
            "breaks control ELB.6"),
        Arguments.of(
            "ELB.18 not waived though port 80 redirects",
            "prod",
            Map.of(NS + "waivers", "{}"),
            NS + "domainName",
            "knowledgecard.app",
            "relaxes control ELB.18"),
        Arguments.of(
            "CPU scaling target out of range",
            "staging",
            Map.of(NS + "cpuTargetPercent", "100"),
            NS + "cpuTargetPercent",
            "100",
            "10 to 95"),
        Arguments.of(
            "keeping too few tagged images",
            "staging",
            Map.of(NS + "ecrKeepTaggedImages", "1"),
            NS + "ecrKeepTaggedImages",
            "1",
            "5 to 1000"));
  }

  @Test
  @DisplayName("a digest is accepted as the image, and migrationImageTag defaults to imageTag")
  void digestAcceptedAndMigrationDefaults() {
    var digest = "sha256:" + "0f".repeat(32);
    var result = StackFixture.run(StackFixture.withConfig("prod", Map.of(NS + "imageTag", digest)));
    assertTrue(result.succeeded(), () -> "failed: " + result.failures());
    assertEquals(digest, result.outputs().get("imageTag"));
    assertEquals(digest, result.outputs().get("migrationImageTag"));
  }

  @Test
  @DisplayName(
      "a sandbox stack without a domain serves HTTP under its ELB.1 waiver, no warning repeating it")
  void sandboxWithoutDomainServesHttpUnderItsWaiver() {
    // The staging file's own waivers plus ELB.1, which only a stack without a domain needs.
    var waivers =
        StackFixture.stackFile("staging")
            .config()
            .get(NS + "waivers")
            .replaceFirst(
                "\\{",
                "{\"ELB.1\":{\"reason\":\"A sandbox has no domain, so no certificate can be"
                    + " issued.\",\"resources\":[\"staging-lb-http\"]},");
    var result =
        StackFixture.run(
            StackFixture.withConfig(
                "staging",
                mapWith(
                    NS + "domainName",
                    null,
                    NS + "hostedZoneName",
                    null,
                    NS + "hostedZoneOwned",
                    null,
                    NS + "waivers",
                    waivers)));
    assertTrue(result.succeeded(), () -> "failed: " + result.failures());
    assertEquals(List.of(), result.warnings(), "the waiver is the record; no warning repeats it");
    assertTrue(String.valueOf(result.outputs().get("publicUrl")).startsWith("http://"));
    assertEquals(List.of(), result.graph().ofType("aws:acm/certificate:Certificate"));
  }

  @Test
  @DisplayName("the committed stacks print no warning")
  void committedStacksHaveNoWarnings() {
    for (var stack : List.of("staging", "prod")) {
      assertEquals(List.of(), StackFixture.committedStack(stack).warnings(), stack);
    }
  }

  private static Map<String, String> mapWith(String... kv) {
    var map = new HashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }
}
