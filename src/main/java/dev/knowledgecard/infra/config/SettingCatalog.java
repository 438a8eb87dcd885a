package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting the program reads, described once: {@link ConfigReader} refuses to read a key that
 * has no entry here, and the configuration table of {@code docs/configuration.md} is generated from
 * this list ({@code bash scripts/refresh-docs.sh}; a test fails while it is stale). A default
 * stated as a value must be the one the settings record's {@code read} falls back to:
 * SettingCatalogTest sets each such value on the committed stacks and expects nothing to change.
 */
public final class SettingCatalog {
  private SettingCatalog() {}

  /** In the table's order: account and environment first, then roughly the order of reading. */
  public static final List<Setting> ALL =
      List.of(
          setting("aws:region", "string", "required", "required", "AWS region of the stack"),
          setting(
              "aws:allowedAccountIds",
              "list of exactly one 12-digit id",
              "required",
              "required",
              "the stack's own AWS account (one account per stack): the provider refuses "
                  + "credentials of any other account before changing anything, and every ARN "
                  + "the program (and the offline synth) builds uses it; the scripts derive the "
                  + "state bucket from it. Committed ids are placeholders (`111122223333` "
                  + "staging, `444455556666` prod, `777788889999` e2e sandbox): replace them "
                  + "first"),
          setting(
              "aws:defaultTags",
              "`{tags: {K: V}}`",
              "none",
              "none",
              "extra tags on every resource, besides the reserved `Project`, `Stack`, "
                  + "`Environment`, `ManagedBy` (which it may not set)"),
          setting(
              "environment",
              "`staging` | `prod`",
              "required",
              "required",
              "picks every default in this table"),
          setting(
              "waivers",
              "map control id -> `{reason, resources, owner, expires}`",
              "none",
              "none",
              "controls of `security-controls.md` the stack knowingly relaxes, for the "
                  + "named resources only (waiver policy above)"),
          setting(
              "vpcCidr",
              "private IPv4 CIDR /16../24",
              "`10.20.0.0/16`",
              "`10.30.0.0/16`",
              "VPC address block (RFC 1918 or 100.64.0.0/10)"),
          setting(
              "availabilityZones",
              "list, >= 2, of the region",
              "region a, b",
              "region a, b, c",
              "AZs for every subnet tier"),
          setting(
              List.of("publicSubnetPrefix", "appSubnetPrefix", "dataSubnetPrefix"),
              "int /16../28",
              "24 / 22 / 24",
              "24 / 22 / 24",
              "subnet sizes; carved tier by tier from the VPC block and checked to fit"),
          setting(
              "natStrategy",
              "`singleInstance` | `instance` | `single` | `perAz`",
              "`singleInstance`",
              "`instance`",
              "NAT instance(s) (a one-instance Auto Scaling group per hosting AZ "
                  + "re-attaching a static interface with a fixed Elastic IP; AL2023 ARM64, "
                  + "t4g.nano then t4g.micro, IMDSv2, Session Manager only) or managed NAT "
                  + "gateway(s): `single*` share the first AZ's NAT, `instance`/`perAz` give "
                  + "every AZ its own. NAT instances require waivers of EC2.9, EC2.180, EC2.17, "
                  + "AutoScaling.2 (and EC2.25 without an `ec2` interface endpoint, which the "
                  + "instance otherwise uses to attach its interface)"),
          setting(
              "interfaceEndpoints",
              "list of service names",
              "`[]`",
              "`[ec2]`",
              "interface VPC endpoints in the app subnets of the first"
                  + " `interfaceEndpointZones` zones (the S3 gateway endpoint is always there)"),
          setting(
              "interfaceEndpointZones",
              "int, 1 (2 in prod) to the number of zones",
              "2",
              "2",
              "how many zones (the first of `availabilityZones`) carry each interface endpoint's"
                  + " interfaces: private DNS answers from every zone with the interfaces of the"
                  + " zones that are up, so two survive the loss of one; each further zone costs"
                  + " an interface's hours per endpoint (see the cost report)"),
          setting(
              "flowLogRetentionDays", "CloudWatch retention", "30", "90", "VPC flow-log retention"),
          setting(
              "flowLogTrafficType",
              "`ALL` | `ACCEPT` | `REJECT`",
              "`REJECT`",
              "`ALL`",
              "which flows are logged"),
          setting("appPort", "int 1024..65535", "3000", "3000", "container port"),
          setting(
              "databasePort",
              "int 1150..65535, not 5432",
              "5433",
              "5433",
              "PostgreSQL port (5432 is rejected: control RDS.23)"),
          setting("cachePort", "int 1024..65535", "6379", "6379", "Redis port"),
          setting(
              "appLogRetentionDays",
              "CloudWatch retention",
              "30",
              "90",
              "application log retention (never \"forever\")"),
          setting(
              "appLogKmsEncryption",
              "bool",
              "false",
              "true",
              "encrypt the app log group with a customer KMS key"),
          setting(
              "dbEngineVersion",
              "`16` | `17`",
              "`17`",
              "`17`",
              "PostgreSQL major version (both have pgvector on RDS); minor versions "
                  + "upgrade automatically"),
          setting(
              "dbInstanceClass",
              "`db.<family>.<size>`",
              "`db.t4g.micro`",
              "`db.t4g.micro`",
              "RDS instance class"),
          setting("dbAllocatedStorageGb", "int 20..65536", "20", "20", "initial gp3 storage"),
          setting(
              "dbMaxAllocatedStorageGb",
              "int, >= 110% of allocated",
              "100",
              "100",
              "storage autoscaling ceiling (RDS requires 10% headroom)"),
          setting("dbMultiAz", "bool", "false (waives RDS.5)", "true", "standby in a second AZ"),
          setting("dbBackupRetentionDays", "int 7..35", "7", "14", "automated backups (RDS.11)"),
          setting(
              "dbDeletionProtection",
              "bool",
              "false (waives RDS.8)",
              "true",
              "RDS deletion protection and Pulumi `protect` on the instance"),
          setting(
              "dbFinalSnapshot",
              "bool",
              "false",
              "true",
              "snapshot `<prefix>-db-final` when the instance is deleted"),
          setting(
              "dbMonitoringIntervalSeconds",
              "0, 1, 5, 10, 15, 30, 60",
              "60",
              "60",
              "enhanced monitoring; 0 = off (waives RDS.6)"),
          setting(
              "dbLogRetentionDays",
              "CloudWatch retention",
              "30",
              "90",
              "retention of the exported `postgresql` and `upgrade` logs"),
          setting(
              "dbAdminUsername",
              "`[a-z][a-z0-9_]{0,62}`, not `postgres`/`admin`/...",
              "`kcadmin`",
              "`kcadmin`",
              "master user; its password is generated and rotated by RDS in Secrets Manager"),
          setting(
              "dbName",
              "`[a-z][a-z0-9_]{0,62}`",
              "`knowledge_cards`",
              "`knowledge_cards`",
              "application database"),
          setting(
              "cacheEngineVersion",
              "`7.2` | `8.0`",
              "`8.0`",
              "`8.0`",
              "Valkey engine version (parameter group family `valkey7` or `valkey8`, with "
                  + "`maxmemory-policy noeviction`)"),
          setting(
              "cacheNodeType",
              "`cache.<family>.<size>`",
              "`cache.t4g.micro`",
              "`cache.t4g.micro`",
              "ElastiCache node type"),
          setting(
              "cacheNodes",
              "int 1..6",
              "1 (waives ElastiCache.3)",
              "2",
              "primary plus replicas; 2+ turns on automatic failover and Multi-AZ"),
          setting(
              "cacheSnapshotRetentionDays",
              "int 1..35",
              "1",
              "7",
              "automatic Redis backups (ElastiCache.1)"),
          setting(
              "mediaBucketName",
              "S3 bucket name, no dots",
              "`<project>-<stack>-media-<account>`",
              "same",
              "media bucket name; the access-log bucket adds `-logs`"),
          setting(
              "appOrigins",
              "list of `https://host[:port]`",
              "none",
              "none",
              "origins allowed to PUT/POST/GET media with pre-signed URLs (CORS); none = "
                  + "no CORS"),
          setting(
              "mediaNoncurrentVersionDays",
              "int 1..3650",
              "30",
              "30",
              "days before overwritten/deleted media versions expire"),
          setting(
              "mediaAccessLogging",
              "bool",
              "false (waives S3.9)",
              "true",
              "S3 server access logs to a private log bucket"),
          setting("mediaAccessLogRetentionDays", "int 1..3650", "90", "365", "access-log expiry"),
          setting(
              "mediaForceDestroy",
              "bool (prod: false only)",
              "true",
              "false",
              "let `pulumi destroy` delete non-empty buckets; when false the media bucket "
                  + "is also `protect`ed"),
          setting(
              "apiKeySecrets",
              "list of UPPER_SNAKE env names",
              "none",
              "none",
              "one empty Secrets Manager secret per third-party key, injected as that env var"),
          setting(
              "secretRecoveryWindowDays",
              "int 7..30",
              "7",
              "30",
              "days a deleted app secret can be restored"),
          setting(
              "secretRotationDays",
              "int 1..90 (staging), 1..30 (prod)",
              "30",
              "30",
              "days between rotations of the session secret and the app database role's "
                  + "password (SecretsManager.4)"),
          setting(
              "alarmEmails",
              "list of emails, 1..10",
              "required",
              "required",
              "email subscribers of the alarm topic (alarms, OK transitions, ECS/RDS "
                  + "events, budget)"),
          setting(
              "alarmWebhookUrl",
              "https URL, `--secret` only",
              "none",
              "none",
              "extra https subscriber (e.g. AWS Chatbot or a relay); must confirm the SNS "
                  + "subscription"),
          setting(
              List.of("alarmCpuPercent", "alarmMemoryPercent"),
              "int 1..100",
              "80 / 80",
              "80 / 80",
              "ECS service average CPU / memory, 5 of 5 minutes"),
          setting(
              "alarm5xxCount",
              "int >= 1",
              "10",
              "5",
              "target 5xx and ELB 5xx per minute, 3 of 5 minutes"),
          setting(
              "alarmResponseTimeSeconds",
              "number > 0",
              "2",
              "1",
              "target response time p95, 3 of 5 minutes"),
          setting(
              "alarmDbCpuPercent", "int 1..100", "80", "80", "RDS CPU, 3 of 3 five-minute periods"),
          setting(
              "alarmDbFreeStorageBytes",
              "number > 0",
              "2 GiB",
              "2 GiB",
              "RDS free storage below (missing data alarms)"),
          setting(
              "alarmDbFreeableMemoryBytes",
              "number > 0",
              "128 MiB",
              "256 MiB",
              "RDS freeable memory below (missing data alarms)"),
          setting(
              "alarmDbConnections",
              "int >= 1",
              "80",
              "150",
              "RDS connections above, 2 of 2 five-minute periods"),
          setting(
              List.of("alarmCacheCpuPercent", "alarmCacheMemoryPercent"),
              "int 1..100",
              "80 / 80",
              "80 / 80",
              "Redis engine CPU / memory usage, per node"),
          setting(
              "alarmCacheEvictions",
              "int >= 0",
              "0",
              "0",
              "Redis evictions per 5 minutes above (BullMQ needs `noeviction`)"),
          setting(
              "githubRepository",
              "`owner/name`",
              "required",
              "required",
              "the only repository whose workflows may assume the CI roles"),
          setting(
              "githubEnvironment",
              "the stack name",
              "stack name",
              "stack name",
              "environment whose `deploy-stack.yml` jobs on main may assume the deploy "
                  + "and image-publisher roles; any other value is rejected, except that an "
                  + "ephemeral `<name>-<id>` stack (e2e runs) may name its template `<name>`"),
          setting(
              "stateBucketName",
              "S3 bucket name",
              "`knowledge-card-pulumi-state-<account id>`",
              "same",
              "Pulumi state bucket the CI roles read (preview) and write (deploy); "
                  + "`scripts/bootstrap.sh` creates, and every script and workflow uses, the "
                  + "default name: keep it"),
          setting(
              "stateKmsKeyArn",
              "KMS key ARN",
              "key with alias `alias/knowledge-card-pulumi-state`",
              "same",
              "key of the state bucket and the `awskms://` secrets provider; "
                  + "`scripts/bootstrap.sh` creates it under that alias"),
          setting(
              "imageSourceRepositoryArn",
              "ECR repository ARN",
              "none",
              "set: staging's repository",
              "repository the image publisher may pull from to promote a digest; the "
                  + "deploy copies from it (`scripts/stack-env.sh` turns it into "
                  + "`IMAGE_SOURCE_REPOSITORY`)"),
          setting(
              "imagePullRoles",
              "list of IAM role ARNs, trailing `*` allowed",
              "none (set: prod's image publisher)",
              "none",
              "roles of other accounts the ECR repository policy lets pull (principal = "
                  + "their account, `aws:PrincipalArn` = the pattern): staging's repository "
                  + "serves prod's publisher"),
          setting(
              "ownsAccountResources",
              "bool",
              "true",
              "true",
              "create the account-level GitHub OIDC provider and S3 account public access "
                  + "block. Every stack has its own account, so staging and prod keep true; "
                  + "only the e2e template sets false (its sandbox account's are the "
                  + "administrator's)"),
          setting(
              "monthlyBudgetUsd",
              "number > 0",
              "150",
              "600",
              "monthly cost budget; notifies at 80% and 100% actual and 100% forecast"),
          setting(
              "budgetEmails",
              "list of emails, <= 10",
              "`alarmEmails`",
              "`alarmEmails`",
              "budget recipients (the alarm topic is always notified too)"),
          setting(
              "budgetScope",
              "`account` | `stack`",
              "`account` if it owns the account resources, else `stack`",
              "same",
              "whole account's cost, or only costs tagged `Stack=<stack>` (activate the "
                  + "tag, see the [runbook](runbook.md))"),
          setting(
              "imageTag",
              "tag `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (not `latest`) or digest "
                  + "`sha256:<64 hex>`",
              "none",
              "none",
              "image the service runs: `ecrRepositoryUrl` + `:tag` or `@sha256:...`. "
                  + "Owned by the deploy pipeline (see [Image tag ownership](delivery.md#image-tag-ownership)), never committed. "
                  + "Unset (a new stack): the service exists with 0 tasks and autoscaling 0..0, "
                  + "the task definitions name the tag `no-image-pushed-yet` and are never run"),
          setting(
              "migrationImageTag",
              "same as `imageTag`",
              "`imageTag`",
              "`imageTag`",
              "image of the one-off migration task definition; set first in a deploy"),
          setting(
              "ecrUntaggedExpiryDays",
              "int 1..365",
              "7",
              "7",
              "untagged images expire this many days after push (ECR lifecycle rule 1)"),
          setting(
              "ecrKeepTaggedImages",
              "int 5..1000",
              "20",
              "50",
              "newest tagged images kept (rule 2); keep it above the pushes between two "
                  + "deploys"),
          setting(
              "containerInsights",
              "bool",
              "false (waiver ECS.12)",
              "true",
              "ECS Container Insights on the cluster"),
          setting(
              List.of("taskCpu", "taskMemory"),
              "Fargate CPU units / MiB",
              "256 / 512",
              "512 / 1024",
              "task size; the pair must be one Fargate accepts (e.g. 256: 512/1024/2048; "
                  + "512: 1024..4096; 1024: 2048..8192)"),
          setting(
              "cpuArchitecture",
              "`ARM64` | `X86_64`",
              "`ARM64`",
              "`ARM64`",
              "Graviton by default (cheaper; the image is multi-arch)"),
          setting(
              "desiredCount",
              "int, within `minTasks..maxTasks`",
              "1",
              "2 (at least 2)",
              "tasks at creation (0 while no image exists); afterwards autoscaling owns "
                  + "the count (Pulumi ignores its drift) and raises it to `minTasks` once the "
                  + "first image is set"),
          setting(
              List.of("minTasks", "maxTasks"),
              "int 1..100",
              "1 / 2",
              "2 / 6",
              "autoscaling bounds (prod `minTasks` at least 2)"),
          setting(
              "cpuTargetPercent",
              "int 10..95",
              "70",
              "70",
              "target tracking on average service CPU (scale out after 60 s, in after 300 s)"),
          setting(
              "requestsPerTargetTarget",
              "int 10..100000",
              "1000",
              "1000",
              "target tracking on ALB requests per task per minute"),
          setting(
              "enableExecuteCommand",
              "bool",
              "false",
              "false",
              "ECS Exec; mounts writable volumes for the SSM agent (AWS does not support "
                  + "ECS Exec with a read-only root, which ECS.5 requires: workaround of "
                  + "aws/containers-roadmap#1359)"),
          setting(
              "healthCheckGracePeriodSeconds",
              "int 0..1800",
              "60",
              "60",
              "time a new task has before load balancer health checks count"),
          setting(
              "domainName",
              "DNS name inside `hostedZoneName`",
              "none (set: `staging.knowledgecard.app`)",
              "required (set: `knowledgecard.app`)",
              "ACM certificate (DNS-validated), HTTPS on 443, HTTP 301 to HTTPS, alias "
                  + "A/AAAA records. Without it (sandbox only, waiver ELB.1) the ALB serves "
                  + "plain HTTP"),
          setting(
              "hostedZoneName",
              "DNS zone name",
              "required with a domain",
              "required with a domain",
              "public Route 53 zone holding `domainName`, looked up by name (or created, "
                  + "`hostedZoneOwned`)"),
          setting(
              "hostedZoneId",
              "`Z...`",
              "none",
              "none",
              "pins the looked-up zone when several share the name"),
          setting(
              "hostedZoneOwned",
              "bool",
              "false (set: true)",
              "false",
              "the stack creates `hostedZoneName` in its own account (staging: "
                  + "`staging.knowledgecard.app`) and exports its name servers as "
                  + "`hostedZoneNameServers`; prod's apex zone comes with the domain and is "
                  + "looked up"),
          setting(
              "hostedZoneDelegationSetId",
              "`N...`",
              "none (set by `scripts/bootstrap.sh`)",
              "none",
              "reusable delegation set of the owned zone, so its name servers are known "
                  + "(and delegated by the parent) before the zone exists"),
          setting(
              "delegatedSubdomains",
              "map subdomain -> list of 2..8 name servers",
              "none",
              "set: `staging.knowledgecard.app`",
              "one NS record set per entry in this stack's zone: prod hands "
                  + "`staging.<domain>` to staging's account. The committed servers are "
                  + "placeholders: `scripts/bootstrap.sh staging` prints the real ones"),
          setting(
              "albAccessLogRetentionDays",
              "int 1..3650",
              "30",
              "90",
              "ALB access-log retention in its private bucket"),
          setting(
              "albDeletionProtection",
              "bool",
              "false (waiver ELB.6)",
              "true",
              "ALB deletion protection"));

  private static final Set<String> FULL_KEYS =
      ALL.stream().flatMap(s -> s.fullKeys().stream()).collect(Collectors.toUnmodifiableSet());

  /** Whether {@code fullKey} ({@code ns:key}) has a descriptor. */
  public static boolean describes(String fullKey) {
    return FULL_KEYS.contains(fullKey);
  }

  /** The configuration reference table in GitHub-flavoured Markdown, one row per entry. */
  public static String markdownTable() {
    var table = new StringBuilder();
    table.append("| key | type | staging default | prod default | what it does |\n");
    table.append("|---|---|---|---|---|\n");
    for (var setting : ALL) {
      var keys = setting.keys().stream().map(k -> "`" + k + "`").collect(Collectors.joining(" / "));
      table.append("| ").append(keys);
      for (var cell :
          List.of(
              setting.type(),
              setting.stagingDefault(),
              setting.prodDefault(),
              setting.description())) {
        // A pipe ends a cell even inside backticks in a GitHub table.
        table.append(" | ").append(cell.replace("|", "\\|"));
      }
      table.append(" |\n");
    }
    return table.toString();
  }

  private static Setting setting(
      String key, String type, String stagingDefault, String prodDefault, String description) {
    return setting(List.of(key), type, stagingDefault, prodDefault, description);
  }

  private static Setting setting(
      List<String> keys,
      String type,
      String stagingDefault,
      String prodDefault,
      String description) {
    return new Setting(keys, type, stagingDefault, prodDefault, description);
  }
}
