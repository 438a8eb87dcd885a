package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.config.ConfigReader;
import dev.knowledgecard.infra.testing.StackFixture;
import dev.knowledgecard.infra.testing.SynthCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stack files as a careless or malicious contributor would write them. Every one must stop the
 * synth with exit 2 and a message naming the key, the value (redacted when secure) and what is
 * allowed: no stack trace, no graph, no secure value or secret anywhere in the output.
 */
class HostileStackFilesTest {
  private static final String NS = "knowledge-card:";
  private static final String CIPHERTEXT = "v1:SECRETCIPHERTEXTAAAA";
  private static final String PLAIN_SECRET = "xoxb-plain-webhook-token-123";
  private static final LocalDate TODAY = LocalDate.now(Clock.systemUTC());

  @TempDir Path dir;

  /**
   * One hostile input.
   *
   * @param stack the committed stack file it starts from
   * @param stackEdit how it changes that file's text
   * @param projectEdit how it changes Pulumi.yaml's text
   * @param cliStack the --stack argument (the stack itself unless the CLI is the hostile part)
   */
  record Hostile(
      String stack,
      Function<String, String> stackEdit,
      Function<String, String> projectEdit,
      String cliStack,
      String key,
      String value,
      String allowed) {}

  private static Arguments file(
      String name,
      String stack,
      Function<String, String> edit,
      String key,
      String value,
      String allowed) {
    return Arguments.of(
        name, new Hostile(stack, edit, Function.<String>identity(), stack, key, value, allowed));
  }

  private static Arguments project(
      String name, String stack, String projectConfig, String key, String value, String allowed) {
    return Arguments.of(
        name,
        new Hostile(
            stack,
            Function.<String>identity(),
            text -> text + "config:\n" + projectConfig,
            stack,
            key,
            value,
            allowed));
  }

  private static Arguments cli(String name, String cliStack, String value) {
    return Arguments.of(
        name,
        new Hostile(
            "staging",
            Function.<String>identity(),
            Function.<String>identity(),
            cliStack,
            "--stack",
            value,
            "letters, digits, hyphens, underscores or periods"));
  }

  /** Sets a config key to a YAML value (flow style), replacing any line(s) it had. */
  private static Function<String, String> set(String key, String yaml) {
    return text -> remove(text, key) + "  " + key + ": " + yaml + "\n";
  }

  private static Function<String, String> append(String lines) {
    return text -> text + lines;
  }

  /** Replaces (or adds) one waiver of the stack file, keeping the others. */
  private static Function<String, String> waiver(String control, String flow) {
    return text -> {
      var lines = new ArrayList<>(List.of(text.split("\n", -1)));
      var start = lines.indexOf("  " + NS + "waivers:");
      var i = start + 1;
      while (i < lines.size() && lines.get(i).startsWith("    ")) {
        if (lines.get(i).equals("    " + control + ":")) {
          lines.remove(i);
          while (i < lines.size() && lines.get(i).startsWith("      ")) {
            lines.remove(i);
          }
        } else {
          i++;
        }
      }
      lines.add(start + 1, "    " + control + ": " + flow);
      return String.join("\n", lines);
    };
  }

  private static String remove(String text, String key) {
    var out = new StringBuilder();
    var skipping = false;
    for (var line : text.split("\n", -1)) {
      if (line.startsWith("  " + key + ":")) {
        skipping = true;
        continue;
      }
      if (skipping && line.startsWith("   ")) {
        continue;
      }
      skipping = false;
      out.append(line).append('\n');
    }
    return out.toString().replaceAll("\n+$", "\n");
  }

  /** A waiver the platform team owns that expires in {@code inDays} days (the valid form). */
  private static Function<String, String> ownedWaiver(
      String control, String reason, String resource, int inDays) {
    return waiver(
        control,
        "{reason: \"%s\", resources: [%s], owner: platform, expires: \"%s\"}"
            .formatted(reason, resource, days(inDays)));
  }

  /** prod turns Container Insights off and waives ECS.12 with this waiver. */
  private static Function<String, String> insightsOffWaiving(Function<String, String> ecs12) {
    return set(NS + "containerInsights", "false").andThen(ecs12);
  }

  private static String days(int n) {
    return TODAY.plusDays(n).toString();
  }

  static Stream<Arguments> hostileFiles() {
    var never = "never waived in prod";
    return Stream.of(
        // 1. waivers: prod may not relax availability, protection or encryption controls
        file(
            "prod waives Multi-AZ for cost",
            "prod",
            set(NS + "dbMultiAz", "false")
                .andThen(
                    waiver(
                        "RDS.5",
                        "{reason: \"cost saving for now\", resources: [prod-database-instance]}")),
            NS + "waivers.RDS.5",
            "RDS.5",
            never),
        file(
            "prod waives deletion protection with dots",
            "prod",
            waiver("RDS.8", "{reason: \"..........\", resources: [prod-database-instance]}"),
            NS + "waivers.RDS.8",
            "RDS.8",
            never),
        file(
            "prod waives ALB deletion protection with owner and expiry",
            "prod",
            ownedWaiver("ELB.6", "the team owns this risk", "prod-lb-alb", 10),
            NS + "waivers.ELB.6",
            "ELB.6",
            never),
        file(
            "prod waives cache failover",
            "prod",
            ownedWaiver("ElastiCache.3", "one node is cheaper", "prod-cache-redis", 10),
            NS + "waivers.ElastiCache.3",
            "ElastiCache.3",
            never),
        file(
            "prod waives topic encryption",
            "prod",
            ownedWaiver("SNS.1", "no customer key needed", "prod-alarms-topic", 10),
            NS + "waivers.SNS.1",
            "SNS.1",
            never),
        file(
            "prod waives key rotation",
            "prod",
            ownedWaiver("KMS.4", "rotation is annoying", "prod-key", 10),
            NS + "waivers.KMS.4",
            "KMS.4",
            "never waived"),
        file(
            "prod turns Multi-AZ off without a waiver",
            "prod",
            set(NS + "dbMultiAz", "false"),
            NS + "dbMultiAz",
            "false",
            "breaks control RDS.5"),
        file(
            "prod turns deletion protection off",
            "prod",
            set(NS + "dbDeletionProtection", "false"),
            NS + "dbDeletionProtection",
            "false",
            "breaks control RDS.8"),
        file(
            "prod runs one cache node",
            "prod",
            set(NS + "cacheNodes", "1"),
            NS + "cacheNodes",
            "1",
            "breaks control ElastiCache.3"),
        file(
            "prod turns ALB deletion protection off",
            "prod",
            set(NS + "albDeletionProtection", "false"),
            NS + "albDeletionProtection",
            "false",
            "breaks control ELB.6"),
        // waivers: owner and expiry in prod
        file(
            "prod waives Container Insights without owner",
            "prod",
            insightsOffWaiving(
                waiver(
                    "ECS.12",
                    "{reason: \"metrics cost too much\", resources: [prod-app-cluster]}")),
            NS + "waivers.ECS.12",
            "ECS.12",
            "needs an owner and an expires date"),
        file(
            "prod waiver expiring in 200 days",
            "prod",
            insightsOffWaiving(
                ownedWaiver("ECS.12", "metrics cost too much", "prod-app-cluster", 200)),
            NS + "waivers.ECS.12.expires",
            days(200),
            "at most 90 days ahead"),
        file(
            "prod waiver expired yesterday",
            "prod",
            insightsOffWaiving(
                ownedWaiver("ECS.12", "metrics cost too much", "prod-app-cluster", -1)),
            NS + "waivers.ECS.12.expires",
            days(-1),
            "expired"),
        file(
            "prod waiver with an owner but no expiry",
            "prod",
            insightsOffWaiving(
                waiver(
                    "ECS.12",
                    "{reason: \"metrics cost too much\", resources: [prod-app-cluster], owner: platform}")),
            NS + "waivers.ECS.12.expires",
            "(unset)",
            "owner and expires go together"),
        file(
            "prod media bucket without access logs",
            "prod",
            set(NS + "mediaAccessLogging", "false"),
            NS + "mediaAccessLogging",
            "false",
            "only the terminal access-log bucket"),
        // waivers: shape and scope
        file(
            "waiver in the old whole-control format",
            "staging",
            waiver("EC2.10", "\"No endpoint: costs more than it saves.\""),
            NS + "waivers.EC2.10",
            "No endpoint: costs more than it saves.",
            "resources: [<graph names>]"),
        file(
            "waiver without resources",
            "staging",
            waiver("EC2.10", "{reason: \"No endpoint: costs more than it saves.\"}"),
            NS + "waivers.EC2.10.resources",
            "(unset)",
            "non-empty list"),
        file(
            "waiver with an empty resource list",
            "staging",
            waiver("EC2.10", "{reason: \"No endpoint: costs more than it saves.\", resources: []}"),
            NS + "waivers.EC2.10.resources",
            "[]",
            "non-empty list"),
        file(
            "staging waiver covering a prod resource",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [prod-network-vpc]}"),
            NS + "waivers.EC2.10.resources",
            "prod-network-vpc",
            "graph names start with staging-"),
        file(
            "waiver resource with a path",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [../etc/passwd]}"),
            NS + "waivers.EC2.10.resources",
            "../etc/passwd",
            "graph name"),
        file(
            "waiver naming a resource twice",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [staging-network-vpc, staging-network-vpc]}"),
            NS + "waivers.EC2.10.resources",
            "staging-network-vpc",
            "each resource once"),
        file(
            "waiver with an unknown field",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [staging-network-vpc], approvedBy: me}"),
            NS + "waivers.EC2.10.approvedBy",
            "me",
            "one of the fields"),
        file(
            "waiver of an unknown control",
            "staging",
            waiver(
                "XYZ.1",
                "{reason: \"this control does not exist\", resources: [staging-network-vpc]}"),
            NS + "waivers.XYZ.1",
            "XYZ.1",
            "a control id"),
        file(
            "waiver with a reason too short",
            "staging",
            waiver("EC2.10", "{reason: cost, resources: [staging-network-vpc]}"),
            NS + "waivers.EC2.10.reason",
            "cost",
            "at least 10 characters"),
        file(
            "waiver expiry not a date",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [staging-network-vpc], owner: platform, expires: next-week}"),
            NS + "waivers.EC2.10.expires",
            "next-week",
            "YYYY-MM-DD"),
        file(
            "waiver owner with spaces",
            "staging",
            waiver(
                "EC2.10",
                "{reason: \"No endpoint: costs more than it saves.\", resources: [staging-network-vpc], owner: \"a b\", expires: \""
                    + days(5)
                    + "\"}"),
            NS + "waivers.EC2.10.owner",
            "a b",
            "a team or person"),
        file(
            "waivers as a list",
            "staging",
            set(NS + "waivers", "[EC2.10, RDS.5]"),
            NS + "waivers",
            "EC2.10",
            "a map of control id"),
        file(
            "waiver of a never-waivable control in staging",
            "staging",
            waiver(
                "RDS.2",
                "{reason: \"a public database for demos\", resources: [staging-database-instance]}"),
            NS + "waivers.RDS.2",
            "RDS.2",
            "never waived"),
        // stale waivers: the resource named no longer fails (needs the graph)
        file(
            "staging S3.9 waiver naming a bucket that does not fail",
            "staging",
            waiver(
                "S3.9",
                "{reason: \"No access logging in staging for these buckets.\", resources: [staging-lb-logs, staging-media-media, staging-media-extra]}"),
            NS + "waivers.S3.9.resources",
            "staging-media-extra",
            "only failing resources"),
        file(
            "prod waiver of a passing control",
            "prod",
            ownedWaiver("RDS.6", "monitoring is off, we think", "prod-database-instance", 30),
            NS + "waivers.RDS.6.resources",
            "prod-database-instance",
            "only failing resources"),
        file(
            "prod S3.9 waiver moved to a bucket that logs",
            "prod",
            waiver(
                "S3.9",
                "{reason: \"The terminal log bucket cannot log to itself.\", resources: [prod-lb-logs]}"),
            NS + "waivers.S3.9.resources",
            "prod-lb-logs",
            "[prod-media-access-logs]"),
        // 2. reserved tags and AWS tag limits
        file(
            "prod tagged as staging",
            "prod",
            set("aws:defaultTags", "{tags: {Stack: staging}}"),
            "aws:defaultTags.tags.Stack",
            "staging",
            "reserved"),
        file(
            "reserved tag in another case",
            "prod",
            set("aws:defaultTags", "{tags: {stack: staging}}"),
            "aws:defaultTags.tags.stack",
            "staging",
            "reserved"),
        file(
            "project tag overridden",
            "staging",
            set("aws:defaultTags", "{tags: {Project: other}}"),
            "aws:defaultTags.tags.Project",
            "other",
            "reserved"),
        file(
            "environment tag overridden",
            "staging",
            set("aws:defaultTags", "{tags: {Environment: prod}}"),
            "aws:defaultTags.tags.Environment",
            "prod",
            "reserved"),
        file(
            "ManagedBy tag overridden",
            "staging",
            set("aws:defaultTags", "{tags: {ManagedBy: console}}"),
            "aws:defaultTags.tags.ManagedBy",
            "console",
            "reserved"),
        file(
            "aws: tag prefix",
            "staging",
            set("aws:defaultTags", "{tags: {\"aws:createdBy\": me}}"),
            "aws:defaultTags.tags.aws:createdBy",
            "aws:createdBy",
            "not starting with aws:"),
        file(
            "AWS: tag prefix in capitals",
            "staging",
            set("aws:defaultTags", "{tags: {\"AWS:owner\": me}}"),
            "aws:defaultTags.tags.AWS:owner",
            "AWS:owner",
            "not starting with aws:"),
        file(
            "tag key of 129 characters",
            "staging",
            set("aws:defaultTags", "{tags: {" + "k".repeat(129) + ": v}}"),
            "aws:defaultTags.tags.kkkk",
            "k".repeat(129),
            "1-128"),
        file(
            "tag key with a hash",
            "staging",
            set("aws:defaultTags", "{tags: {\"team#1\": v}}"),
            "aws:defaultTags.tags.team#1",
            "team#1",
            "1-128"),
        file(
            "tag value of 257 characters",
            "staging",
            set("aws:defaultTags", "{tags: {Team: " + "v".repeat(257) + "}}"),
            "aws:defaultTags.tags.Team",
            "v".repeat(257),
            "0-256"),
        file(
            "tag value with markup",
            "staging",
            set("aws:defaultTags", "{tags: {Team: \"<script>\"}}"),
            "aws:defaultTags.tags.Team",
            "<script>",
            "0-256"),
        file(
            "default tags not in the provider's shape",
            "staging",
            set("aws:defaultTags", "{labels: {Team: a}}"),
            "aws:defaultTags",
            "labels",
            "{tags: {Key: value"),
        // 3. values that disable a protection
        file(
            "prod on PostgreSQL's default port",
            "prod",
            set(NS + "databasePort", "5432"),
            NS + "databasePort",
            "5432",
            "RDS.23"),
        file(
            "staging on PostgreSQL's default port",
            "staging",
            set(NS + "databasePort", "5432"),
            NS + "databasePort",
            "5432",
            "RDS.23"),
        file(
            "admin user postgres",
            "prod",
            set(NS + "dbAdminUsername", "postgres"),
            NS + "dbAdminUsername",
            "postgres",
            "RDS.25"),
        file(
            "prod media bucket force-destroyed",
            "prod",
            set(NS + "mediaForceDestroy", "true"),
            NS + "mediaForceDestroy",
            "true",
            "false in prod"),
        file(
            "prod without a final snapshot",
            "prod",
            set(NS + "dbFinalSnapshot", "false"),
            NS + "dbFinalSnapshot",
            "false",
            "final snapshot"),
        file(
            "prod app logs unencrypted",
            "prod",
            set(NS + "appLogKmsEncryption", "false"),
            NS + "appLogKmsEncryption",
            "false",
            "true in prod"),
        file(
            "prod roles trusting the staging environment",
            "prod",
            set(NS + "githubEnvironment", "staging"),
            NS + "githubEnvironment",
            "staging",
            "the stack's own name (prod)"),
        file(
            "staging roles trusting another environment",
            "staging",
            set(NS + "githubEnvironment", "dev"),
            NS + "githubEnvironment",
            "dev",
            "the stack's own name (staging)"),
        file(
            "public VPC range",
            "prod",
            set(NS + "vpcCidr", "8.8.0.0/16"),
            NS + "vpcCidr",
            "8.8.0.0/16",
            "RFC 1918"),
        file(
            "VPC range just outside 172.16/12",
            "staging",
            set(NS + "vpcCidr", "172.32.0.0/16"),
            NS + "vpcCidr",
            "172.32.0.0/16",
            "private range"),
        file(
            "VPC range just outside 100.64/10",
            "staging",
            set(NS + "vpcCidr", "100.128.0.0/16"),
            NS + "vpcCidr",
            "100.128.0.0/16",
            "100.64.0.0/10"),
        // 4. parse like Pulumi
        file(
            "duplicate key",
            "staging",
            append("  " + NS + "githubRepository: other/repo\n"),
            "Pulumi.staging.yaml:",
            "\"" + NS + "githubRepository\"",
            "each key once"),
        file(
            "duplicate waiver",
            "prod",
            waiver(
                    "S3.9",
                    "{reason: \"The terminal log bucket cannot log itself.\", resources: [prod-media-access-logs]}")
                .andThen(waiver("ELB.18", "{reason: \"again\", resources: [prod-lb-http]}"))
                .andThen(
                    t ->
                        t.replace(
                            "    ELB.18: {reason: \"again\"", "    S3.9: {reason: \"again\"")),
            "Pulumi.prod.yaml:",
            "\"S3.9\"",
            "each key once"),
        file(
            "YAML null image tag",
            "staging",
            set(NS + "imageTag", "~"),
            NS + "imageTag",
            "(null)",
            "YAML null"),
        file(
            "empty value",
            "staging",
            set(NS + "githubRepository", ""),
            NS + "githubRepository",
            "(unset)",
            "required"),
        file(
            "null inside a list",
            "staging",
            set(NS + "appOrigins", "[https://staging.knowledgecard.app, null]"),
            NS + "appOrigins",
            "(null)",
            "YAML null"),
        file(
            "Arabic-Indic digits as a port",
            "staging",
            set(NS + "databasePort", "\"\u0665\u0664\u0663\u0663\""),
            NS + "databasePort",
            "\u0665\u0664\u0663\u0663",
            "ASCII digits"),
        file(
            "fullwidth digits as a count",
            "prod",
            set(NS + "cacheNodes", "\"\uff13\""),
            NS + "cacheNodes",
            "\uff13",
            "ASCII digits"),
        file(
            "infinite budget",
            "staging",
            set(NS + "monthlyBudgetUsd", ".inf"),
            NS + "monthlyBudgetUsd",
            "not valid YAML",
            "no .inf"),
        file(
            "NaN response time",
            "staging",
            set(NS + "alarmResponseTimeSeconds", ".nan"),
            NS + "alarmResponseTimeSeconds",
            "not valid YAML",
            ".nan"),
        file(
            "number too large for a double",
            "staging",
            set(NS + "monthlyBudgetUsd", "1e400"),
            NS + "monthlyBudgetUsd",
            "(Infinity)",
            ".inf and .nan are not values"),
        file(
            "Infinity as a string",
            "staging",
            set(NS + "monthlyBudgetUsd", "Infinity"),
            NS + "monthlyBudgetUsd",
            "Infinity",
            "a decimal number"),
        file(
            "exponent notation budget",
            "staging",
            set(NS + "monthlyBudgetUsd", "\"1e3\""),
            NS + "monthlyBudgetUsd",
            "1e3",
            "a decimal number"),
        file(
            "hexadecimal port",
            "staging",
            set(NS + "databasePort", "\"0x1539\""),
            NS + "databasePort",
            "0x1539",
            "ASCII digits"),
        file(
            "unclosed flow list",
            "staging",
            set(NS + "appOrigins", "[https://staging.knowledgecard.app"),
            "Pulumi.staging.yaml:",
            "not valid YAML",
            "a YAML map"),
        file(
            "bad indentation",
            "staging",
            append("    knowledge-card:cacheNodes: 1\n   knowledge-card:taskCpu: 256\n"),
            "Pulumi.staging.yaml:",
            "not valid YAML",
            "a YAML map"),
        file(
            "misspelled config block",
            "staging",
            t -> t.replace("config:\n", "confg:\n"),
            "confg",
            "not a stack file attribute",
            "secretsprovider"),
        file(
            "key with two namespaces",
            "staging",
            append("  knowledge-card:db:port: 5433\n"),
            "\"knowledge-card:db:port\"",
            "not a config key",
            "<namespace>:<name>"),
        file(
            "config that is a list",
            "staging",
            t -> "config:\n  - a\n  - b\n",
            "config",
            "config:",
            "a map of config keys"),
        // secure values only on secret keys, and secret keys only secure
        file(
            "secure image tag",
            "staging",
            set(NS + "imageTag", "{secure: " + CIPHERTEXT + "}"),
            NS + "imageTag",
            ConfigReader.REDACTED,
            "a plain value"),
        file(
            "secure repository name",
            "prod",
            set(NS + "githubRepository", "{secure: " + CIPHERTEXT + "}"),
            NS + "githubRepository",
            ConfigReader.REDACTED,
            "a plain value"),
        file(
            "secure admin user name that is also invalid",
            "prod",
            set(NS + "dbAdminUsername", "{secure: " + CIPHERTEXT + "}"),
            NS + "dbAdminUsername",
            ConfigReader.REDACTED,
            "a plain value"),
        file(
            "plain-text AWS secret key",
            "staging",
            set("aws:secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            "aws:secretKey",
            "(plain text, not shown)",
            "a secure value"),
        file(
            "plain-text AWS session token",
            "prod",
            set("aws:token", "FwoGZXIvYXdzEXAMPLETOKEN"),
            "aws:token",
            "(plain text, not shown)",
            "a secure value"),
        file(
            "plain-text webhook",
            "prod",
            set(NS + "alarmWebhookUrl", "https://hooks.example.com/" + PLAIN_SECRET),
            NS + "alarmWebhookUrl",
            "(plain text, not shown)",
            "pulumi config set --secret"),
        file(
            "secure value inside a list",
            "staging",
            set(NS + "appOrigins", "[{secure: " + CIPHERTEXT + "}]"),
            NS + "appOrigins",
            ConfigReader.REDACTED,
            "whole key's value"),
        file(
            "secure value with another field",
            "staging",
            set(NS + "alarmWebhookUrl", "{secure: " + CIPHERTEXT + ", note: x}"),
            NS + "alarmWebhookUrl",
            ConfigReader.REDACTED,
            "{secure: <ciphertext>} alone"),
        file(
            "secure webhook that is not https once decrypted is never shown",
            "staging",
            set(NS + "unknownSecret", "{secure: " + CIPHERTEXT + "}"),
            NS + "unknownSecret",
            ConfigReader.REDACTED,
            "a plain value"),
        // account allow-list
        file(
            "short account id",
            "prod",
            set("aws:allowedAccountIds", "[\"12345\"]"),
            "aws:allowedAccountIds",
            "12345",
            "12-digit"),
        file(
            "account id with letters",
            "prod",
            set("aws:allowedAccountIds", "[\"12345678901a\"]"),
            "aws:allowedAccountIds",
            "12345678901a",
            "12-digit"),
        file(
            "account ids not a list",
            "staging",
            set("aws:allowedAccountIds", "\"123456789012\""),
            "aws:allowedAccountIds",
            "123456789012",
            "a list of strings"),
        file(
            "empty account allow-list",
            "staging",
            set("aws:allowedAccountIds", "[]"),
            "aws:allowedAccountIds",
            "[]",
            "exactly one 12-digit AWS account id"),
        // the project-level config block applies, and the stack file overrides it
        project(
            "project default port 5432",
            "prod",
            "  knowledge-card:databasePort: 5432\n",
            NS + "databasePort",
            "5432",
            "RDS.23"),
        project(
            "project declaration with a value",
            "staging",
            "  knowledge-card:vpcCidr:\n    type: string\n    value: 8.8.0.0/16\n",
            NS + "vpcCidr",
            "8.8.0.0/16",
            "RFC 1918"),
        project(
            "secure value in the project file",
            "staging",
            "  knowledge-card:alarmWebhookUrl:\n    secure: " + CIPHERTEXT + "\n",
            NS + "alarmWebhookUrl",
            ConfigReader.REDACTED,
            "secure values belong in the stack file"),
        project(
            "duplicate key in the project file",
            "staging",
            "  knowledge-card:cacheNodes: 1\n  knowledge-card:cacheNodes: 2\n",
            "Pulumi.yaml:",
            "\"knowledge-card:cacheNodes\"",
            "each key once"),
        // 5. command-line arguments
        cli("stack name escaping --out", "../x", "\"../x\""),
        cli("stack name with a slash", "a/b", "\"a/b\""),
        cli("absolute stack name", "/tmp/evil", "\"/tmp/evil\""),
        cli("empty stack name", "", "\"\""),
        cli("stack name with a newline", "prod\nFAKE LOG LINE", "\\u000a"),
        cli("stack name of dots", "..", "\"..\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void hostileStackFileExitsTwoNamingKeyValueAndAllowed(String name, Hostile hostile)
      throws IOException {
    var project = dir.resolve("project");
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("Pulumi.yaml"),
        hostile
            .projectEdit()
            .apply(Files.readString(StackFixture.PROJECT_DIR.resolve("Pulumi.yaml"))));
    var committed =
        Files.readString(StackFixture.PROJECT_DIR.resolve("Pulumi." + hostile.stack() + ".yaml"));
    Files.writeString(
        project.resolve("Pulumi." + hostile.stack() + ".yaml"),
        hostile.stackEdit().apply(committed));
    var out = dir.resolve("out");

    var run =
        SynthCli.run(
            "synth",
            "--stack",
            hostile.cliStack(),
            "--project-dir",
            project.toString(),
            "--out",
            out.toString());

    var output = run.stdout() + run.stderr();
    assertEquals(2, run.exit(), name + ": " + output);
    for (var part : List.of(hostile.key(), hostile.value(), hostile.allowed())) {
      assertTrue(run.stderr().contains(part), name + ": stderr lacks '" + part + "': " + output);
    }
    assertFalse(
        Pattern.compile("Exception|\\n\\s+at [a-z]").matcher(output).find(),
        name + ": stack trace in " + output);
    for (var secret :
        List.of(
            CIPHERTEXT, StackFiles.SECRET_PLACEHOLDER, PLAIN_SECRET, "wJalrXUtnFEMI", "FwoGZXIv")) {
      assertFalse(output.contains(secret), name + ": shows a secret: " + output);
    }
    assertFalse(
        Files.exists(out) && Files.list(out).findAny().isPresent(), name + ": wrote under --out");
    assertFalse(Files.exists(dir.resolve("x.json")), name + ": wrote outside --out");
  }
}
