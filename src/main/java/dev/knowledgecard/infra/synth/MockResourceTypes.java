package dev.knowledgecard.infra.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource types the offline engine can create, each with the outputs AWS would compute (ids,
 * ARNs, endpoints) so that downstream components receive realistic values. A type missing here
 * fails the run loudly: a new resource type means a line in {@value #TABLE} (its ARN format, or
 * that it computes nothing) or, for more outputs, a line here.
 */
final class MockResourceTypes {
  private static final Map<String, Function<MockResource, Map<String, Object>>> COMPUTED =
      new HashMap<>();
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{(partition|region|account|id|name)}");

  /** ARN formats and output-less types, cited in the file. */
  static final String TABLE = "/synth/resource-arns.json";

  static {
    var table = ClasspathJson.read(TABLE);
    table.path("arns").properties().forEach(f -> arnOnly(f.getKey(), f.getValue().asText()));
    table.path("noComputedOutputs").forEach(t -> put(t.asText(), r -> Map.of()));
    // network
    put(
        "aws:ec2/vpc:Vpc",
        r ->
            Map.of(
                "arn",
                r.arn("ec2", "vpc/" + r.id()),
                "defaultSecurityGroupId",
                "sg-default0000000001",
                "mainRouteTableId",
                "rtb-main000000000001"));
    put(
        "aws:ec2/eip:Eip",
        r ->
            Map.of(
                "publicIp",
                "198.51.100." + (Math.floorMod(r.name().hashCode(), 250) + 1),
                "allocationId",
                r.id()));
    // NAT instances
    put(
        "aws:ec2/networkInterface:NetworkInterface",
        r ->
            Map.of(
                "arn",
                r.arn("ec2", "network-interface/" + r.id()),
                "privateIp",
                "10.0.0." + (Math.floorMod(r.name().hashCode(), 200) + 20),
                "macAddress",
                "02:00:00:" + r.hex(6).replaceAll("(..)(?!$)", "$1:")));
    put(
        "aws:ec2/launchTemplate:LaunchTemplate",
        r -> Map.of("arn", r.arn("ec2", "launch-template/" + r.id()), "latestVersion", 1));
    put(
        "aws:autoscaling/group:Group",
        r ->
            Map.of(
                "arn",
                r.arn(
                    "autoscaling",
                    "autoScalingGroup:"
                        + r.hex(8)
                        + "-0000-4000-8000-"
                        + r.hex(12)
                        + ":autoScalingGroupName/"
                        + r.physicalName()),
                "name",
                r.physicalName()));
    put(
        "aws:iam/instanceProfile:InstanceProfile",
        r -> iam(r, "instance-profile", "uniqueId", "AIPA"));
    // identity
    put("aws:iam/role:Role", r -> iam(r, "role", "uniqueId", "AROA"));
    put("aws:iam/policy:Policy", r -> iam(r, "policy", "policyId", "ANPA"));
    put("aws:kms/key:Key", r -> Map.of("arn", r.arn("kms", "key/" + r.id()), "keyId", r.id()));
    // data tier
    put("aws:rds/instance:Instance", MockResourceTypes::rdsInstance);
    put("aws:elasticache/replicationGroup:ReplicationGroup", MockResourceTypes::replicationGroup);
    put("aws:elasticache/user:User", r -> namedByInput(r, "userId", "user:"));
    put("aws:elasticache/userGroup:UserGroup", r -> namedByInput(r, "userGroupId", "usergroup:"));
    put("aws:secretsmanager/secret:Secret", MockResourceTypes::secret);
    // rotation: a secret's rotation is identified by the secret's ARN
    put(
        "aws:secretsmanager/secretRotation:SecretRotation",
        r -> Map.of("id", String.valueOf(r.input("secretId")), "rotationEnabled", true));
    put(
        "aws:lambda/function:Function",
        r -> {
          var arn = r.arn("lambda", "function:" + r.physicalName());
          return Map.of(
              "arn",
              arn,
              "qualifiedArn",
              arn + ":1",
              "invokeArn",
              r.partition()
                  .arn(
                      "apigateway",
                      r.region(),
                      "lambda",
                      "path/2015-03-31/functions/" + arn + "/invocations"),
              "version",
              "1",
              "sourceCodeHash",
              r.hex(64));
        });
    put(
        "aws:secretsmanager/secretVersion:SecretVersion",
        r -> Map.of("versionId", "v-" + r.id(), "arn", String.valueOf(r.input("secretId"))));
    put("aws:s3/bucketV2:BucketV2", MockResourceTypes::bucket);
    // container platform: registry, load balancer, DNS, certificate, service, autoscaling
    put(
        "aws:ecr/repository:Repository",
        r ->
            Map.of(
                "arn",
                r.arn("ecr", "repository/" + r.physicalName()),
                "repositoryUrl",
                r.account() + ".dkr.ecr." + r.region() + ".amazonaws.com/" + r.physicalName(),
                "registryId",
                r.account()));
    put("aws:ecr/repositoryPolicy:RepositoryPolicy", MockResourceTypes::ofRepository);
    put("aws:ecr/lifecyclePolicy:LifecyclePolicy", MockResourceTypes::ofRepository);
    // observability
    put(
        "aws:cloudwatch/dashboard:Dashboard",
        r ->
            Map.of(
                "dashboardArn",
                r.globalArn("cloudwatch", "dashboard/" + r.input("dashboardName"))));
    put(
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        r ->
            Map.of(
                "arn",
                r.globalArn(
                    "iam",
                    "oidc-provider/"
                        + String.valueOf(r.input("url")).replaceFirst("^https://", ""))));
    put(
        "aws:lb/loadBalancer:LoadBalancer",
        r -> {
          var suffix = "app/" + r.physicalName() + "/" + r.hex(16);
          return Map.of(
              "arn",
              r.arn("elasticloadbalancing", "loadbalancer/" + suffix),
              "arnSuffix",
              suffix,
              "dnsName",
              r.physicalName() + "-" + r.digits(10) + "." + r.region() + ".elb.amazonaws.com",
              "zoneId",
              r.albHostedZoneId());
        });
    put(
        "aws:lb/targetGroup:TargetGroup",
        r -> {
          var suffix = "targetgroup/" + r.physicalName() + "/" + r.hex(16);
          return Map.of("arn", r.arn("elasticloadbalancing", suffix), "arnSuffix", suffix);
        });
    put(
        "aws:lb/listener:Listener",
        r ->
            Map.of(
                "arn",
                r.arn(
                    "elasticloadbalancing",
                    "listener/app/"
                        + r.name()
                        + "/"
                        + r.hex(16)
                        + "/"
                        + r.hex(16).substring(0, 16))));
    put(
        "aws:acm/certificate:Certificate",
        r -> {
          var domain = String.valueOf(r.input("domainName"));
          return Map.of(
              "arn",
              r.arn("acm", "certificate/" + r.uuid()),
              "status",
              "PENDING_VALIDATION",
              "domainValidationOptions",
              List.of(
                  Map.of(
                      "domainName",
                      domain,
                      "resourceRecordName",
                      "_" + r.hex(32) + "." + domain + ".",
                      "resourceRecordType",
                      "CNAME",
                      "resourceRecordValue",
                      "_" + r.hex(32).substring(0, 32) + ".xlfgrmvvlj.acm-validations.aws.")));
        });
    put(
        "aws:acm/certificateValidation:CertificateValidation",
        r -> Map.of("certificateArn", r.input("certificateArn")));
    put("aws:route53/zone:Zone", MockResourceTypes::hostedZone);
    put(
        "aws:route53/record:Record",
        r -> {
          var name = String.valueOf(r.input("name"));
          return Map.of("fqdn", name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        });
    put(
        "aws:ecs/taskDefinition:TaskDefinition",
        r -> {
          var family = String.valueOf(r.input("family"));
          return Map.of(
              "arn",
              r.arn("ecs", "task-definition/" + family + ":1"),
              "arnWithoutRevision",
              r.arn("ecs", "task-definition/" + family),
              "revision",
              1);
        });
    put(
        "aws:ecs/service:Service",
        r ->
            Map.of(
                "arn",
                r.arn(
                    "ecs",
                    "service/"
                        + String.valueOf(r.input("cluster")).replaceAll(".*/", "")
                        + "/"
                        + r.physicalName())));
    put(
        "aws:appautoscaling/target:Target",
        r ->
            Map.of(
                "arn",
                r.arn("application-autoscaling", "scalable-target/" + r.hex(32).substring(0, 32))));
    put(
        "aws:appautoscaling/policy:Policy",
        r ->
            Map.of(
                "arn",
                r.arn(
                    "autoscaling",
                    "scalingPolicy:"
                        + r.uuid()
                        + ":resource/"
                        + r.input("resourceId")
                        + ":policyName/"
                        + r.physicalName()),
                "alarmArns",
                List.of()));
  }

  private MockResourceTypes() {}

  /** RDS: the identifier given or generated, its endpoint, and the RDS-managed secret. */
  private static Map<String, Object> rdsInstance(MockResource r) {
    var identifier =
        r.input("identifier") instanceof String given
            ? given
            : r.physicalName().toLowerCase(Locale.ROOT);
    var port = r.input("port") instanceof Number n ? n.intValue() : 5432;
    var address = identifier + ".c0ffee123abc." + r.region() + ".rds.amazonaws.com";
    var resourceId = "db-" + suffix(r, 26).toUpperCase(Locale.ROOT);
    var computed = new HashMap<String, Object>();
    computed.put("identifier", identifier);
    computed.put("address", address);
    computed.put("endpoint", address + ":" + port);
    computed.put("port", port);
    computed.put("arn", r.arn("rds", "db:" + identifier));
    computed.put("resourceId", resourceId);
    // pulumi-aws 6: an instance's id is its DBI resource id, not its identifier.
    computed.put("id", resourceId);
    computed.put("hostedZoneId", "Z2R2ITUGPM61AM");
    if (Boolean.TRUE.equals(r.input("manageMasterUserPassword"))) {
      computed.put(
          "masterUserSecrets",
          List.of(
              Map.of(
                  "secretArn",
                  r.arn(
                      "secretsmanager",
                      "secret:rds!" + resourceId.toLowerCase(Locale.ROOT) + "-AbC123"),
                  "secretStatus",
                  "active",
                  "kmsKeyId",
                  r.arn("kms", "key/aws-secretsmanager-managed"))));
    }
    return computed;
  }

  /** ElastiCache: primary and reader endpoints and one member cluster per node. */
  private static Map<String, Object> replicationGroup(MockResource r) {
    var id = r.physicalName().toLowerCase(Locale.ROOT);
    var nodes = r.input("numCacheClusters") instanceof Number n ? n.intValue() : 1;
    var members = new ArrayList<String>();
    for (int i = 1; i <= nodes; i++) {
      members.add(String.format(Locale.ROOT, "%s-%03d", id, i));
    }
    return Map.of(
        "id",
        id,
        "replicationGroupId",
        id,
        "arn",
        r.arn("elasticache", "replicationgroup:" + id),
        "primaryEndpointAddress",
        "master." + id + ".abc123.use1.cache.amazonaws.com",
        "readerEndpointAddress",
        "replica." + id + ".abc123.use1.cache.amazonaws.com",
        "memberClusters",
        members);
  }

  /**
   * A public hosted zone: Route 53's id and ARN and four name servers, those of the reusable
   * delegation set when one is given (a set's servers are the same for every zone on it).
   */
  private static Map<String, Object> hostedZone(MockResource r) {
    var id = "Z" + r.hex(20).toUpperCase(Locale.ROOT);
    var seed = r.input("delegationSetId") instanceof String set ? set : id;
    var n = Math.floorMod(seed.hashCode(), 2000);
    var servers =
        List.of(
            "ns-" + n + ".awsdns-" + (n % 64) + ".com",
            "ns-" + (n + 1) + ".awsdns-" + ((n + 1) % 64) + ".net",
            "ns-" + (n + 2) + ".awsdns-" + ((n + 2) % 64) + ".org",
            "ns-" + (n + 3) + ".awsdns-" + ((n + 3) % 64) + ".co.uk");
    return Map.of(
        "id",
        id,
        "zoneId",
        id,
        "arn",
        r.accountlessArn("route53", "hostedzone/" + id),
        "nameServers",
        servers,
        "primaryNameServer",
        servers.get(0));
  }

  /** Secrets Manager: the name (from namePrefix when given) and an ARN with AWS's suffix. */
  private static Map<String, Object> secret(MockResource r) {
    var name =
        r.input("namePrefix") instanceof String prefix ? prefix + suffix(r, 26) : r.physicalName();
    var arn = r.arn("secretsmanager", "secret:" + name + "-Ab12Cd");
    // A secret's id is its ARN.
    return Map.of("id", arn, "name", name, "arn", arn);
  }

  /** Deterministic hex characters derived from the resource's type and name. */
  private static String suffix(MockResource r, int length) {
    var hex = new StringBuilder();
    var seed = r.type() + "/" + r.name();
    while (hex.length() < length) {
      seed = Integer.toHexString(seed.hashCode()) + seed;
      hex.append(String.format(Locale.ROOT, "%08x", seed.hashCode()));
    }
    return hex.substring(0, length);
  }

  /** S3: the bucket name is its id; the ARN is global. */
  private static Map<String, Object> bucket(MockResource r) {
    var bucket = r.input("bucket") instanceof String given ? given : r.physicalName();
    return Map.of(
        "id",
        bucket,
        "bucket",
        bucket,
        "arn",
        r.accountlessArn("s3", bucket),
        "bucketDomainName",
        bucket + ".s3.amazonaws.com",
        "bucketRegionalDomainName",
        bucket + ".s3." + r.region() + ".amazonaws.com",
        "region",
        r.region());
  }

  /** IAM puts an entity's path into its ARN ({@code role/<path>/<name>}); ids have a prefix. */
  private static Map<String, Object> iam(
      MockResource r, String kind, String idOutput, String idPrefix) {
    var path = r.input("path") instanceof String p ? p : "/";
    return Map.of(
        "arn",
        r.globalArn("iam", kind + path + r.physicalName()),
        idOutput,
        idPrefix + r.id().toUpperCase(Locale.ROOT));
  }

  /** ElastiCache users and user groups: the id is the one given as input, also in the ARN. */
  private static Map<String, Object> namedByInput(MockResource r, String idInput, String kind) {
    var id = String.valueOf(r.input(idInput));
    return Map.of("id", id, "arn", r.arn("elasticache", kind + id));
  }

  /** An ECR repository's policies belong to the repository and its registry (the account). */
  private static Map<String, Object> ofRepository(MockResource r) {
    return Map.of("registryId", r.account(), "repository", r.input("repository"));
  }

  /** A type whose only computed output is its ARN, from the table's format. */
  private static void arnOnly(String type, String format) {
    put(type, r -> Map.of("arn", fill(format, r)));
  }

  /** The table's ARN format with this resource's partition, region, account, id and name. */
  static String fill(String format, MockResource r) {
    return PLACEHOLDER
        .matcher(format)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    switch (m.group(1)) {
                      case "partition" -> r.partition().name();
                      case "region" -> r.region();
                      case "account" -> r.account();
                      case "id" -> r.id();
                      default -> r.physicalName();
                    }));
  }

  /** Registers a type once: a second registration is a mistake in the table or here. */
  private static void put(String type, Function<MockResource, Map<String, Object>> computed) {
    if (COMPUTED.putIfAbsent(type, computed) != null) {
      throw new IllegalStateException(type + " is registered twice");
    }
  }

  static Optional<Function<MockResource, Map<String, Object>>> computed(String type) {
    return Optional.ofNullable(COMPUTED.get(type));
  }
}
