package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One rule per control of security-controls.md, each deciding its control from the resource graph
 * alone (type tokens and input names of pulumi-aws 6.x). A rule looks at every resource its control
 * covers; a control whose resources are absent is not applicable. Unit tests and whole-stack tests
 * reuse these rules.
 */
public final class Rules {
  private static final Set<String> LB_TLS_POLICIES =
      Set.of(
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10",
          "ELBSecurityPolicy-FS-1-2-Res-2019-08");

  /** Ports Security Hub's EC2.19 treats as high risk. */
  private static final int[] HIGH_RISK_PORTS = {
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500,
    5601, 8080, 8088, 8888, 9200, 9300
  };

  private static final int[] REMOTE_ADMIN_PORTS = {22, 3389};
  private static final String ANY_IPV4 = "0.0.0.0/0";
  private static final String ANY_IPV6 = "::/0";
  private static final String ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String SSM_CORE = "AmazonSSMManagedInstanceCore";
  private static final String SSM_CORE_ARN = "arn:aws:iam::aws:policy/" + SSM_CORE;

  public static final List<Rule> ALL =
      List.of(
          // network
          new Rule("EC2.2", Rules::ec2_2DefaultGroupClosed),
          new Rule("EC2.6", Rules::ec2_6FlowLogs),
          new Rule("EC2.9", Rules::ec2_9NoPublicInstanceIp),
          new Rule("EC2.10", Rules::ec2_10Ec2Endpoint),
          new Rule("EC2.15", Rules::ec2_15NoAutoPublicIp),
          new Rule("EC2.18", Rules::ec2_18OpenOnlyWebPortsOfLoadBalancer),
          new Rule("EC2.19", Rules::ec2_19NoOpenHighRiskPorts),
          new Rule("EC2.53", g -> openAdminPorts(g, false)),
          new Rule("EC2.54", g -> openAdminPorts(g, true)),
          new Rule("EC2.180", Rules::ec2_180SourceDestCheck),
          // instances (NAT instances, launched by Auto Scaling groups from launch templates)
          new Rule("EC2.3", Rules::ec2_3EncryptedVolumes),
          new Rule("EC2.8", Rules::ec2_8InstancesUseImdsV2),
          new Rule("EC2.17", Rules::ec2_17SingleInterface),
          new Rule(
              "EC2.25",
              g ->
                  each(
                      g,
                      LAUNCH_TEMPLATE,
                      "launch template",
                      "assigns no public IP to a network interface",
                      Rules::ec2_25)),
          new Rule(
              "EC2.170",
              g -> each(g, LAUNCH_TEMPLATE, "launch template", "requires IMDSv2", Rules::imdsV2)),
          new Rule("SSM.1", Rules::ssm1ManagedBySystemsManager),
          new Rule(
              "AutoScaling.2",
              g ->
                  each(
                      g,
                      AUTOSCALING_GROUP,
                      "Auto Scaling group",
                      "spans at least two AZs",
                      Rules::autoScaling2)),
          new Rule(
              "AutoScaling.6",
              g ->
                  each(
                      g,
                      AUTOSCALING_GROUP,
                      "Auto Scaling group",
                      "uses several instance types",
                      Rules::autoScaling6)),
          new Rule(
              "AutoScaling.9",
              g ->
                  each(
                      g,
                      AUTOSCALING_GROUP,
                      "Auto Scaling group",
                      "launches from a launch template",
                      Rules::autoScaling9)),
          // load balancer
          new Rule("ELB.1", Rules::elb1HttpRedirects),
          new Rule("ELB.4", g -> eachAlb(g, "drops invalid header fields", Rules::elb4)),
          new Rule("ELB.5", g -> eachAlb(g, "writes access logs to a bucket", Rules::elb5)),
          new Rule(
              "ELB.6",
              g ->
                  eachAlb(
                      g,
                      "has deletion protection",
                      r -> isTrue(r, "enableDeletionProtection", false))),
          new Rule("ELB.12", g -> eachAlb(g, "mitigates desync defensively", Rules::elb12)),
          new Rule("ELB.13", g -> eachAlb(g, "spans at least two AZs", lb -> elb13(g, lb))),
          new Rule("ELB.17", Rules::elb17TlsPolicy),
          new Rule("ELB.18", Rules::elb18AllListenersTls),
          // containers
          new Rule(
              "ECS.2",
              g ->
                  each(
                      g,
                      ECS_SERVICE,
                      "ECS service",
                      "tasks get no public IP",
                      r -> isFalse(r, "networkConfiguration.assignPublicIp", false))),
          new Rule("ECS.3", g -> eachTask(g, "no task shares the host PID namespace", Rules::ecs3)),
          new Rule(
              "ECS.4",
              g ->
                  eachContainer(
                      g,
                      "no container is privileged",
                      c -> c.path("privileged").asBoolean(false) ? "privileged" : null)),
          new Rule(
              "ECS.5",
              g ->
                  eachContainer(
                      g,
                      "every container has a read-only root filesystem",
                      c ->
                          c.path("readonlyRootFilesystem").asBoolean(false)
                              ? null
                              : "readonlyRootFilesystem is not true")),
          new Rule("ECS.8", g -> eachContainer(g, "secrets only in `secrets`", Rules::ecs8)),
          new Rule(
              "ECS.9",
              g ->
                  eachContainer(
                      g,
                      "every container has a log configuration",
                      c ->
                          c.path("logConfiguration").path("logDriver").isTextual()
                              ? null
                              : "no logConfiguration")),
          new Rule("ECS.10", Rules::ecs10LatestPlatform),
          new Rule("ECS.12", Rules::ecs12ContainerInsights),
          new Rule(
              "ECS.17",
              g ->
                  eachTask(
                      g,
                      "awsvpc networking",
                      t ->
                          "awsvpc".equals(t.prop("networkMode").asText(""))
                              ? Optional.empty()
                              : Optional.of(
                                  "networkMode is " + t.prop("networkMode").asText("unset")))),
          new Rule(
              "ECS.20", g -> eachContainer(g, "every container runs as non-root", Rules::ecs20)),
          new Rule(
              "ECR.1",
              g ->
                  each(
                      g,
                      ECR_REPOSITORY,
                      "ECR repository",
                      "scans on push",
                      r -> isTrue(r, "imageScanningConfiguration.scanOnPush", false))),
          new Rule(
              "ECR.2",
              g ->
                  each(
                      g,
                      ECR_REPOSITORY,
                      "ECR repository",
                      "tags are immutable",
                      r -> equalsText(r, "imageTagMutability", "IMMUTABLE", "MUTABLE"))),
          new Rule(
              "ECR.3",
              g ->
                  each(
                      g,
                      ECR_REPOSITORY,
                      "ECR repository",
                      "has a lifecycle policy",
                      r ->
                          g.referencing(r, ECR_LIFECYCLE, "repository").isEmpty()
                              ? Optional.of("no aws:ecr/lifecyclePolicy refers to it")
                              : Optional.empty())),
          // database
          new Rule(
              "RDS.2",
              g ->
                  eachDb(
                      g, "not publicly accessible", r -> isFalse(r, "publiclyAccessible", false))),
          new Rule(
              "RDS.3",
              g -> eachDb(g, "storage encrypted", r -> isTrue(r, "storageEncrypted", false))),
          new Rule("RDS.5", g -> eachDb(g, "Multi-AZ", r -> isTrue(r, "multiAz", false))),
          new Rule("RDS.6", g -> eachDb(g, "enhanced monitoring", Rules::rds6)),
          new Rule(
              "RDS.7",
              g ->
                  each(
                      g,
                      RDS_CLUSTER,
                      "RDS cluster",
                      "deletion protection",
                      r -> isTrue(r, "deletionProtection", false))),
          new Rule(
              "RDS.8",
              g -> eachDb(g, "deletion protection", r -> isTrue(r, "deletionProtection", false))),
          new Rule("RDS.9", g -> eachDb(g, "exports postgresql and upgrade logs", Rules::rds9)),
          new Rule(
              "RDS.10",
              g ->
                  eachDb(
                      g,
                      "IAM authentication",
                      r -> isTrue(r, "iamDatabaseAuthenticationEnabled", false))),
          new Rule("RDS.11", g -> eachDb(g, "backups kept >= 7 days", Rules::rds11)),
          new Rule(
              "RDS.13",
              g ->
                  eachDb(
                      g,
                      "auto minor version upgrade",
                      r -> isTrue(r, "autoMinorVersionUpgrade", true))),
          new Rule(
              "RDS.17",
              g ->
                  eachDb(
                      g, "copies tags to snapshots", r -> isTrue(r, "copyTagsToSnapshot", false))),
          new Rule("RDS.23", g -> eachDb(g, "not on the engine's default port", Rules::rds23)),
          new Rule("RDS.25", g -> eachDb(g, "not the default admin user name", Rules::rds25)),
          new Rule(
              "RDS.38", g -> eachDb(g, "TLS enforced by its parameter group", r -> rds38(g, r))),
          new Rule(
              "RDS.46", g -> eachDb(g, "subnets have no internet-gateway route", r -> rds46(g, r))),
          // cache
          new Rule(
              "ElastiCache.1",
              g ->
                  eachCache(
                      g,
                      "automatic backups",
                      r ->
                          r.prop("snapshotRetentionLimit").asInt(0) >= 1
                              ? Optional.empty()
                              : Optional.of("snapshotRetentionLimit is below 1"))),
          new Rule(
              "ElastiCache.2",
              g ->
                  eachCache(
                      g,
                      "auto minor version upgrade",
                      r -> isTrue(r, "autoMinorVersionUpgrade", true))),
          new Rule(
              "ElastiCache.3", g -> eachCache(g, "automatic Multi-AZ failover", Rules::cache3)),
          new Rule(
              "ElastiCache.4",
              g ->
                  eachCache(
                      g, "encrypted at rest", r -> isTrue(r, "atRestEncryptionEnabled", false))),
          new Rule(
              "ElastiCache.5",
              g ->
                  eachCache(
                      g,
                      "encrypted in transit",
                      r -> isTrue(r, "transitEncryptionEnabled", false))),
          new Rule("ElastiCache.6", g -> eachCache(g, "requires AUTH", Rules::cache6)),
          new Rule(
              "ElastiCache.7",
              g -> eachCache(g, "uses the project's subnet group", r -> cache7(g, r))),
          // storage
          new Rule("S3.1", Rules::s3_1AccountBlocksPublicAccess),
          new Rule("S3.5", g -> eachBucket(g, "denies requests without TLS", b -> s3_5(g, b))),
          new Rule(
              "S3.8", g -> eachBucket(g, "blocks public access (all four flags)", b -> s3_8(g, b))),
          new Rule("S3.9", g -> eachBucket(g, "has server access logging", b -> s3_9(g, b))),
          new Rule(
              "S3.12",
              g ->
                  eachBucket(
                      g,
                      "uses BucketOwnerEnforced (no ACLs)",
                      b ->
                          companion(
                              g,
                              b,
                              BUCKET_OWNERSHIP,
                              "ownership controls with BucketOwnerEnforced",
                              x ->
                                  "BucketOwnerEnforced"
                                      .equals(x.prop("rule.objectOwnership").asText(""))))),
          new Rule(
              "S3.13",
              g ->
                  eachBucket(
                      g,
                      "has a lifecycle configuration",
                      b ->
                          companion(
                              g, b, BUCKET_LIFECYCLE, "a lifecycle configuration", x -> true))),
          new Rule(
              "S3.14",
              g ->
                  eachBucket(
                      g,
                      "has versioning enabled",
                      b ->
                          companion(
                              g,
                              b,
                              BUCKET_VERSIONING,
                              "versioning Enabled",
                              x ->
                                  "Enabled"
                                      .equals(
                                          x.prop("versioningConfiguration.status").asText(""))))),
          // secrets
          new Rule("SecretsManager.1", g -> secretsRotate(g, false)),
          new Rule("SecretsManager.2", Rules::secretsRotationSucceeds),
          new Rule("SecretsManager.4", g -> secretsRotate(g, true)),
          // functions (Security Hub "Lambda controls")
          new Rule("Lambda.1", Rules::lambda1NoPublicInvoke),
          new Rule(
              "Lambda.2",
              g ->
                  each(
                      g,
                      LAMBDA_FUNCTION,
                      "Lambda function",
                      "uses a supported runtime",
                      Rules::lambda2)),
          new Rule(
              "Lambda.3",
              g -> each(g, LAMBDA_FUNCTION, "Lambda function", "runs in a VPC", Rules::lambda3)),
          new Rule(
              "Lambda.5",
              g ->
                  each(
                      g,
                      LAMBDA_FUNCTION,
                      "Lambda function",
                      "has subnets in at least two AZs",
                      f -> lambda5(g, f))),
          // observability
          new Rule(
              "CloudWatch.15",
              g ->
                  each(
                      g,
                      METRIC_ALARM,
                      "CloudWatch alarm",
                      "has alarm actions",
                      r ->
                          r.prop("alarmActions").isArray() && r.prop("alarmActions").size() > 0
                              ? Optional.empty()
                              : Optional.of("no alarmActions"))),
          new Rule(
              "CloudWatch.16",
              g ->
                  each(
                      g,
                      LOG_GROUP,
                      "log group",
                      "has a retention period",
                      r ->
                          r.prop("retentionInDays").asInt(0) > 0
                              ? Optional.empty()
                              : Optional.of("retentionInDays unset: kept forever"))),
          new Rule(
              "SNS.1",
              g -> each(g, SNS_TOPIC, "SNS topic", "encrypted with a customer key", Rules::sns1)),
          new Rule("SNS.4", Rules::sns4NoPublicTopicPolicy),
          new Rule("KMS.4", g -> each(g, KMS_KEY, "KMS key", "rotates automatically", Rules::kms4)),
          // identity
          new Rule("IAM.1", g -> iamPolicies(g, true)),
          new Rule("IAM.21", g -> iamPolicies(g, false)),
          new Rule(
              "ACM.1",
              g ->
                  each(
                      g,
                      ACM_CERTIFICATE,
                      "certificate",
                      "DNS validated",
                      r -> equalsText(r, "validationMethod", "DNS", "unset (imported)"))),
          new Rule(
              "ACM.2",
              g -> each(g, ACM_CERTIFICATE, "certificate", "RSA 2048+ or ECDSA", Rules::acm2)));

  private static final Map<String, Rule> BY_ID =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Rule::id, Function.identity()));

  private Rules() {}

  public static Optional<Rule> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** Evaluates one control on a graph, without waivers. */
  public static Finding evaluate(String id, StackGraph graph) {
    return byId(id)
        .orElseThrow(() -> new IllegalArgumentException("no rule for control " + id))
        .evaluate(graph);
  }

  // ---- generic shapes ---------------------------------------------------------------------

  /** A check of one resource: empty when it complies, else what is wrong. */
  @FunctionalInterface
  interface Check {
    Optional<String> problem(GraphResource r);
  }

  static Finding each(StackGraph g, String type, String noun, String passReason, Check check) {
    return each(g.all(type), noun, passReason, check);
  }

  static Finding each(List<GraphResource> resources, String noun, String passReason, Check check) {
    if (resources.isEmpty()) {
      return Finding.notApplicable("no " + noun + " in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var r : resources) {
      var problem = check.problem(r);
      if (problem.isPresent()) {
        failed.add(r.name());
        problems.add(r.name() + ": " + problem.get());
      }
    }
    var names = resources.stream().map(GraphResource::name).toList();
    return failed.isEmpty()
        ? Finding.pass(names, "every " + noun + " (" + names.size() + "): " + passReason)
        : Finding.fail(failed, String.join("; ", problems));
  }

  static Optional<String> isTrue(GraphResource r, String path, boolean awsDefault) {
    return bool(r.prop(path), awsDefault)
        ? Optional.empty()
        : Optional.of(path + " is " + shown(r.prop(path)) + ", not true");
  }

  static Optional<String> isFalse(GraphResource r, String path, boolean awsDefault) {
    return bool(r.prop(path), awsDefault)
        ? Optional.of(path + " is " + shown(r.prop(path)) + ", not false")
        : Optional.empty();
  }

  private static Optional<String> equalsText(
      GraphResource r, String path, String expected, String whenUnset) {
    var value = r.prop(path).asText(whenUnset);
    return expected.equals(value)
        ? Optional.empty()
        : Optional.of(path + " is " + value + ", not " + expected);
  }

  private static boolean bool(JsonNode node, boolean awsDefault) {
    if (node.isMissingNode() || node.isNull()) {
      return awsDefault;
    }
    return node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText());
  }

  private static String shown(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? "unset" : node.asText();
  }

  // ---- network ----------------------------------------------------------------------------

  private static Finding ec2_2DefaultGroupClosed(StackGraph g) {
    return each(
        g,
        VPC,
        "VPC",
        "its default security group is adopted with no rules",
        vpc -> {
          var adopted = g.referencing(vpc, DEFAULT_SG, "vpcId");
          if (adopted.isEmpty()) {
            return Optional.of(
                "the default security group is not adopted (AWS's default allows traffic)");
          }
          for (var sg : adopted) {
            if (sg.prop("ingress").size() > 0 || sg.prop("egress").size() > 0) {
              return Optional.of(sg.name() + " keeps ingress or egress rules");
            }
          }
          return Optional.empty();
        });
  }

  private static Finding ec2_6FlowLogs(StackGraph g) {
    return each(
        g,
        VPC,
        "VPC",
        "has a flow log",
        vpc ->
            g.referencing(vpc, FLOW_LOG, "vpcId").isEmpty()
                ? Optional.of("no aws:ec2/flowLog on this VPC")
                : Optional.empty());
  }

  /**
   * Instances, the launch templates Auto Scaling groups launch them from, and standalone network
   * interfaces (which only exist to be attached to an instance): none may give an instance a public
   * IPv4 address, whether assigned at launch or an Elastic IP on an interface.
   */
  private static Finding ec2_9NoPublicInstanceIp(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable("no EC2 instances (NAT is a managed gateway)");
    }
    return each(
        resources,
        "instance, launch template or network interface",
        "no public IPv4 address",
        r -> {
          if (r.is(LAUNCH_TEMPLATE)) {
            return ec2_25(r);
          }
          var eips =
              g.all(EIP).stream()
                  .filter(
                      e ->
                          g.referenced(e, "networkInterface", r.type()).contains(r)
                              || g.referenced(e, "instance", r.type()).contains(r))
                  .map(GraphResource::name)
                  .toList();
          if (!eips.isEmpty()) {
            return Optional.of("carries the Elastic IP " + String.join(", ", eips));
          }
          return r.is(INSTANCE) ? isFalse(r, "associatePublicIpAddress", false) : Optional.empty();
        });
  }

  private static Optional<String> ec2_25(GraphResource template) {
    for (var nic : template.prop("networkInterfaces")) {
      if (bool(nic.path("associatePublicIpAddress"), false)) {
        return Optional.of(
            "networkInterfaces[" + nic.path("deviceIndex").asInt(0) + "] assigns a public IP");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> imdsV2(GraphResource r) {
    return "required".equals(r.prop("metadataOptions.httpTokens").asText(""))
        ? Optional.empty()
        : Optional.of(
            "metadataOptions.httpTokens is "
                + shown(r.prop("metadataOptions.httpTokens"))
                + ", not required");
  }

  /** The launch templates an Auto Scaling group launches from, directly or mixed. */
  private static List<GraphResource> templatesOf(StackGraph g, GraphResource group) {
    var found = new ArrayList<>(g.referenced(group, "launchTemplate.id", LAUNCH_TEMPLATE));
    found.addAll(
        g.referenced(
            group,
            "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId",
            LAUNCH_TEMPLATE));
    return found.stream().distinct().toList();
  }

  /** Standalone instances and Auto Scaling groups: what puts EC2 instances into the account. */
  private static List<GraphResource> instanceSources(StackGraph g) {
    var out = new ArrayList<>(g.all(INSTANCE));
    out.addAll(g.all(AUTOSCALING_GROUP));
    return out;
  }

  /** The check of an instance, or of every template a group launches from (none: a problem). */
  private static Optional<String> launched(
      StackGraph g, GraphResource source, Check onInstanceOrTemplate) {
    if (source.is(INSTANCE)) {
      return onInstanceOrTemplate.problem(source);
    }
    var templates = templatesOf(g, source);
    if (templates.isEmpty()) {
      return Optional.of("no launch template in the graph to check");
    }
    return templates.stream()
        .map(t -> onInstanceOrTemplate.problem(t).map(p -> t.name() + ": " + p))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Finding ec2_8InstancesUseImdsV2(StackGraph g) {
    return each(
        instanceSources(g),
        "instance or Auto Scaling group",
        "instances require IMDSv2",
        r -> launched(g, r, Rules::imdsV2));
  }

  private static Finding ec2_3EncryptedVolumes(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    return each(
        resources,
        "instance or launch template",
        "every EBS volume encrypted",
        r -> {
          if (r.is(INSTANCE)) {
            return isTrue(r, "rootBlockDevice.encrypted", false);
          }
          var mappings = r.prop("blockDeviceMappings");
          if (mappings.size() == 0) {
            return Optional.of(
                "no blockDeviceMappings: the root volume's encryption is left to the account");
          }
          for (var m : mappings) {
            if (m.has("ebs") && !bool(m.path("ebs").path("encrypted"), false)) {
              return Optional.of(m.path("deviceName").asText("a volume") + " is not encrypted");
            }
          }
          return Optional.empty();
        });
  }

  /**
   * Instances with more than one interface: several in an instance or template, or a standalone
   * interface (one the program creates is attached to an instance as a second interface unless a
   * template or instance uses it as the primary, device index 0).
   */
  private static Finding ec2_17SingleInterface(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable("no EC2 instances or network interfaces declared");
    }
    return each(
        resources,
        "instance, launch template or network interface",
        "one network interface per instance",
        r -> {
          if (!r.is(NETWORK_INTERFACE)) {
            var count = r.prop("networkInterfaces").size();
            return count > 1 ? Optional.of(count + " network interfaces") : Optional.empty();
          }
          var primaryOf =
              g.all(LAUNCH_TEMPLATE).stream()
                  .anyMatch(
                      t ->
                          StreamSupport.stream(t.prop("networkInterfaces").spliterator(), false)
                              .anyMatch(
                                  n ->
                                      n.path("deviceIndex").asInt(0) == 0
                                          && StackGraph.identifiers(r)
                                              .contains(n.path("networkInterfaceId").asText(""))));
          return primaryOf
              ? Optional.empty()
              : Optional.of("a standalone interface: attached to an instance as a second one");
        });
  }

  /** The instance profile's role carries AWS's managed policy for the Systems Manager agent. */
  private static Finding ssm1ManagedBySystemsManager(StackGraph g) {
    return each(
        instanceSources(g),
        "instance or Auto Scaling group",
        "instances run with a profile whose role has " + SSM_CORE,
        r ->
            launched(
                g,
                r,
                x -> {
                  var profiles =
                      g.referenced(
                          x,
                          x.is(INSTANCE) ? "iamInstanceProfile" : "iamInstanceProfile.arn",
                          INSTANCE_PROFILE);
                  if (profiles.isEmpty()) {
                    return Optional.of("no instance profile");
                  }
                  for (var profile : profiles) {
                    for (var role : g.referenced(profile, "role", IAM_ROLE)) {
                      var managed =
                          StackGraph.texts(role.prop("managedPolicyArns")).contains(SSM_CORE_ARN)
                              || g.referencing(role, IAM_ROLE_POLICY_ATTACHMENT, "role").stream()
                                  .anyMatch(
                                      a -> SSM_CORE_ARN.equals(a.prop("policyArn").asText("")));
                      if (managed) {
                        return Optional.empty();
                      }
                    }
                  }
                  return Optional.of("the instance profile's role lacks " + SSM_CORE);
                }));
  }

  private static Optional<String> autoScaling2(GraphResource group) {
    var zones =
        Math.max(group.prop("vpcZoneIdentifiers").size(), group.prop("availabilityZones").size());
    return zones >= 2 ? Optional.empty() : Optional.of(zones + " AZ(s), the control needs 2");
  }

  private static Optional<String> autoScaling6(GraphResource group) {
    var types = new java.util.HashSet<String>();
    for (var o : group.prop("mixedInstancesPolicy.launchTemplate.overrides")) {
      if (o.has("instanceRequirements")) {
        return Optional.empty();
      }
      types.add(o.path("instanceType").asText(""));
    }
    types.remove("");
    return types.size() >= 2
        ? Optional.empty()
        : Optional.of(
            types.size() + " instance type(s): use a mixedInstancesPolicy with at least two");
  }

  private static Optional<String> autoScaling9(GraphResource group) {
    if (group.prop("launchConfiguration").isTextual()) {
      return Optional.of("launches from a launch configuration");
    }
    var direct = group.prop("launchTemplate");
    var mixed = group.prop("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification");
    return direct.isObject() || mixed.isObject()
        ? Optional.empty()
        : Optional.of("no launch template");
  }

  private static Finding ec2_180SourceDestCheck(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable(
          "no EC2 instances or network interfaces declared (NAT is a managed gateway)");
    }
    return each(
        resources,
        "instance or network interface",
        "source/destination check on",
        r -> isTrue(r, "sourceDestCheck", true));
  }

  private static Finding ec2_10Ec2Endpoint(StackGraph g) {
    return each(
        g,
        VPC,
        "VPC",
        "has an interface endpoint for the EC2 API",
        vpc ->
            g.referencing(vpc, VPC_ENDPOINT, "vpcId").stream()
                    .anyMatch(
                        e ->
                            e.prop("serviceName").asText("").endsWith(".ec2")
                                && "Interface".equals(e.prop("vpcEndpointType").asText("")))
                ? Optional.empty()
                : Optional.of("no Interface endpoint for com.amazonaws.<region>.ec2"));
  }

  private static Finding ec2_15NoAutoPublicIp(StackGraph g) {
    return each(
        g,
        SUBNET,
        "subnet",
        "does not auto-assign public IPs",
        r -> isFalse(r, "mapPublicIpOnLaunch", false));
  }

  /** One ingress permission, from a standalone rule or a group's inline block. */
  record Ingress(
      GraphResource declaredBy,
      Optional<GraphResource> group,
      String protocol,
      int fromPort,
      int toPort,
      boolean anyIpv4,
      boolean anyIpv6) {
    boolean open() {
      return anyIpv4 || anyIpv6;
    }

    boolean allPorts() {
      return "-1".equals(protocol) || "all".equalsIgnoreCase(protocol);
    }

    boolean covers(int port) {
      return allPorts() || (fromPort <= port && port <= toPort);
    }

    String describe() {
      var ports =
          allPorts()
              ? "all ports"
              : fromPort == toPort ? "port " + fromPort : "ports " + fromPort + "-" + toPort;
      return declaredBy.name()
          + " opens "
          + ports
          + " to "
          + (anyIpv4 && anyIpv6 ? ANY_IPV4 + " and " + ANY_IPV6 : anyIpv4 ? ANY_IPV4 : ANY_IPV6);
    }
  }

  static List<Ingress> ingressPermissions(StackGraph g) {
    var out = new ArrayList<Ingress>();
    for (var r : g.all(SG_INGRESS)) {
      out.add(
          new Ingress(
              r,
              g.referenced(r, "securityGroupId", SECURITY_GROUP).stream().findFirst(),
              r.prop("ipProtocol").asText("tcp"),
              r.prop("fromPort").asInt(0),
              r.prop("toPort").asInt(65535),
              ANY_IPV4.equals(r.prop("cidrIpv4").asText("")),
              ANY_IPV6.equals(r.prop("cidrIpv6").asText(""))));
    }
    for (var r : g.all(SG_RULE)) {
      if ("ingress".equals(r.prop("type").asText(""))) {
        out.add(blockIngress(r, g.referenced(r, "securityGroupId", SECURITY_GROUP), r.props()));
      }
    }
    var groups = new ArrayList<>(g.all(SECURITY_GROUP));
    groups.addAll(g.all(DEFAULT_SG));
    for (var sg : groups) {
      for (var block : sg.prop("ingress")) {
        out.add(blockIngress(sg, List.of(sg), block));
      }
    }
    return out;
  }

  private static Ingress blockIngress(GraphResource r, List<GraphResource> group, JsonNode block) {
    return new Ingress(
        r,
        group.stream().findFirst(),
        block.path("protocol").asText("tcp"),
        block.path("fromPort").asInt(0),
        block.path("toPort").asInt(65535),
        StackGraph.texts(block.path("cidrBlocks")).contains(ANY_IPV4),
        StackGraph.texts(block.path("ipv6CidrBlocks")).contains(ANY_IPV6));
  }

  private static Finding ingressFinding(StackGraph g, List<Ingress> violations, String passReason) {
    if (g.all(SECURITY_GROUP).isEmpty() && g.all(DEFAULT_SG).isEmpty()) {
      return Finding.notApplicable("no security groups in the graph");
    }
    if (violations.isEmpty()) {
      return Finding.pass(
          ingressPermissions(g).stream().map(i -> i.declaredBy().name()).distinct().toList(),
          passReason);
    }
    return Finding.fail(
        violations.stream().map(i -> i.declaredBy().name()).distinct().toList(),
        violations.stream().map(Ingress::describe).collect(Collectors.joining("; ")));
  }

  private static Finding ec2_18OpenOnlyWebPortsOfLoadBalancer(StackGraph g) {
    var lbGroups = new java.util.HashSet<GraphResource>();
    for (var lb : g.all(LOAD_BALANCER)) {
      lbGroups.addAll(g.referenced(lb, "securityGroups", SECURITY_GROUP));
    }
    var haveLoadBalancers = !g.all(LOAD_BALANCER).isEmpty();
    var violations = new ArrayList<Ingress>();
    var notes = new ArrayList<String>();
    for (var i : ingressPermissions(g)) {
      if (!i.open()) {
        continue;
      }
      var webPort =
          !i.allPorts()
              && i.fromPort() == i.toPort()
              && (i.fromPort() == 80 || i.fromPort() == 443)
              && "tcp".equals(i.protocol());
      var ofLoadBalancer = i.group().map(lbGroups::contains).orElse(false);
      if (!webPort || (haveLoadBalancers && !ofLoadBalancer)) {
        violations.add(i);
      } else if (!haveLoadBalancers) {
        notes.add(i.declaredBy().name());
      }
    }
    var reason =
        "unrestricted ingress only on 80/443 of the load balancer's group; everything else from"
            + " referenced groups";
    if (!notes.isEmpty()) {
      reason +=
          " (no load balancer in the graph yet to tie " + notes.size() + " web-port rules to)";
    }
    if (!violations.isEmpty()) {
      var finding = ingressFinding(g, violations, reason);
      return Finding.fail(
          finding.resources(),
          finding.reason() + " (only TCP 80/443 on a load balancer's group may be open)");
    }
    return ingressFinding(g, violations, reason);
  }

  private static Finding ec2_19NoOpenHighRiskPorts(StackGraph g) {
    var violations =
        ingressPermissions(g).stream()
            .filter(Ingress::open)
            .filter(i -> java.util.Arrays.stream(HIGH_RISK_PORTS).anyMatch(i::covers))
            .toList();
    return ingressFinding(g, violations, "no high-risk port is open to the internet");
  }

  private static Finding openAdminPorts(StackGraph g, boolean ipv6) {
    var violations =
        ingressPermissions(g).stream()
            .filter(i -> ipv6 ? i.anyIpv6() : i.anyIpv4())
            .filter(i -> java.util.Arrays.stream(REMOTE_ADMIN_PORTS).anyMatch(i::covers))
            .toList();
    return ingressFinding(
        g, violations, "ports 22 and 3389 are not open to " + (ipv6 ? ANY_IPV6 : ANY_IPV4));
  }

  // ---- load balancer ----------------------------------------------------------------------

  private static List<GraphResource> albs(StackGraph g) {
    return g.all(LOAD_BALANCER).stream()
        .filter(lb -> "application".equals(lb.prop("loadBalancerType").asText("application")))
        .toList();
  }

  private static Finding eachAlb(StackGraph g, String passReason, Check check) {
    return each(albs(g), "application load balancer", passReason, check);
  }

  private static Optional<String> elb4(GraphResource lb) {
    return isTrue(lb, "dropInvalidHeaderFields", false);
  }

  private static Optional<String> elb5(GraphResource lb) {
    if (!bool(lb.prop("accessLogs.enabled"), false)) {
      return Optional.of("accessLogs.enabled is not true");
    }
    return lb.prop("accessLogs.bucket").asText("").isEmpty()
        ? Optional.of("accessLogs.bucket is unset")
        : Optional.empty();
  }

  private static Optional<String> elb12(GraphResource lb) {
    // AWS's default mode is "defensive".
    var mode = lb.prop("desyncMitigationMode").asText("defensive");
    return "defensive".equals(mode) || "strictest".equals(mode)
        ? Optional.empty()
        : Optional.of("desyncMitigationMode is " + mode);
  }

  private static Optional<String> elb13(StackGraph g, GraphResource lb) {
    var subnets = new ArrayList<>(g.referenced(lb, "subnets", SUBNET));
    for (var mapping : lb.prop("subnetMappings")) {
      subnets.addAll(
          g.all(SUBNET).stream()
              .filter(s -> StackGraph.identifiers(s).contains(mapping.path("subnetId").asText("")))
              .toList());
    }
    var zones =
        subnets.stream()
            .map(s -> s.prop("availabilityZone").asText(""))
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    return zones.size() >= 2
        ? Optional.empty()
        : Optional.of("its subnets span " + zones.size() + " AZ(s) " + zones);
  }

  private static List<GraphResource> listeners(StackGraph g) {
    var out = new ArrayList<GraphResource>();
    for (var lb : albs(g)) {
      out.addAll(g.referencing(lb, LISTENER, "loadBalancerArn"));
    }
    return out;
  }

  private static String protocol(GraphResource listener) {
    return listener
        .prop("protocol")
        .asText(listener.prop("certificateArn").isTextual() ? "HTTPS" : "HTTP");
  }

  private static Finding elb1HttpRedirects(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    var http = listeners(g).stream().filter(l -> "HTTP".equals(protocol(l))).toList();
    if (http.isEmpty()) {
      return Finding.pass(
          listeners(g).stream().map(GraphResource::name).toList(), "no plain-HTTP listener");
    }
    return each(
        http,
        "HTTP listener",
        "redirects to HTTPS",
        l -> {
          for (var action : l.prop("defaultActions")) {
            if ("redirect".equals(action.path("type").asText(""))
                && "HTTPS".equals(action.path("redirect").path("protocol").asText(""))) {
              return Optional.empty();
            }
          }
          return Optional.of("its default action does not redirect to HTTPS");
        });
  }

  private static Finding elb17TlsPolicy(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    var tls =
        listeners(g).stream()
            .filter(l -> "HTTPS".equals(protocol(l)) || "TLS".equals(protocol(l)))
            .toList();
    return each(
        tls,
        "HTTPS listener",
        "uses an allowed TLS policy",
        l -> {
          var policy = l.prop("sslPolicy").asText("unset (AWS default ELBSecurityPolicy-2016-08)");
          return LB_TLS_POLICIES.contains(policy)
              ? Optional.empty()
              : Optional.of("sslPolicy " + policy + " is not on the allowed list");
        });
  }

  private static Finding elb18AllListenersTls(StackGraph g) {
    if (albs(g).isEmpty()) {
      return Finding.notApplicable("no application load balancer in the graph");
    }
    return each(
        listeners(g),
        "listener",
        "uses HTTPS or TLS",
        l -> {
          var p = protocol(l);
          return "HTTPS".equals(p) || "TLS".equals(p)
              ? Optional.empty()
              : Optional.of("protocol " + p + (p.equals("HTTP") ? " (the redirect listener)" : ""));
        });
  }

  // ---- containers -------------------------------------------------------------------------

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Finding eachTask(StackGraph g, String passReason, Check check) {
    return each(g, TASK_DEFINITION, "ECS task definition", passReason, check);
  }

  private static Optional<String> ecs3(GraphResource task) {
    return "host".equals(task.prop("pidMode").asText(""))
        ? Optional.of("pidMode is host")
        : Optional.empty();
  }

  /** Checks every container of every task definition; the function names a problem or null. */
  private static Finding eachContainer(
      StackGraph g, String passReason, Function<JsonNode, String> problem) {
    return eachTask(
        g,
        passReason,
        task -> {
          var definitions = parse(task.prop("containerDefinitions"));
          if (definitions.isEmpty() || !definitions.get().isArray()) {
            return Optional.of("containerDefinitions is not readable JSON offline");
          }
          var problems = new ArrayList<String>();
          for (var c : definitions.get()) {
            var p = problem.apply(c);
            if (p != null) {
              problems.add("container " + c.path("name").asText("?") + " " + p);
            }
          }
          return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
        });
  }

  private static Optional<JsonNode> parse(JsonNode node) {
    if (node.isArray() || node.isObject()) {
      return Optional.of(node);
    }
    try {
      return Optional.of(JSON.readTree(node.asText("")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_KEY|AUTH_DATA).*");

  private static String ecs8(JsonNode container) {
    var flagged = new ArrayList<String>();
    for (var env : container.path("environment")) {
      var name = env.path("name").asText("");
      if (SECRET_NAME.matcher(name).matches()
          && !name.toUpperCase(java.util.Locale.ROOT).endsWith("_ARN")) {
        flagged.add(name);
      }
    }
    return flagged.isEmpty() ? null : "has secret-like environment variables " + flagged;
  }

  private static String ecs20(JsonNode container) {
    var user = container.path("user").asText("");
    if (user.isEmpty()) {
      return "sets no user (runs as the image's user, root unless the image says otherwise)";
    }
    var name = user.split(":")[0];
    return "root".equals(name) || "0".equals(name) ? "runs as " + user : null;
  }

  private static Finding ecs10LatestPlatform(StackGraph g) {
    // Fargate by launch type or by capacity provider; the platform version only exists there.
    var fargate =
        g.all(ECS_SERVICE).stream()
            .filter(
                s ->
                    "FARGATE".equals(s.prop("launchType").asText(""))
                        || s.prop("capacityProviderStrategies").toString().contains("FARGATE"))
            .toList();
    if (fargate.isEmpty()) {
      return Finding.notApplicable("no Fargate service in the graph");
    }
    return each(
        fargate,
        "Fargate service",
        "runs the LATEST platform version",
        s -> {
          var version = s.prop("platformVersion").asText("LATEST");
          return "LATEST".equals(version)
              ? Optional.empty()
              : Optional.of("platformVersion is pinned to " + version);
        });
  }

  private static Finding ecs12ContainerInsights(StackGraph g) {
    return each(
        g,
        ECS_CLUSTER,
        "ECS cluster",
        "Container Insights enabled",
        c -> {
          for (var setting : c.prop("settings")) {
            var value = setting.path("value").asText("");
            if ("containerInsights".equals(setting.path("name").asText(""))
                && ("enabled".equals(value) || "enhanced".equals(value))) {
              return Optional.empty();
            }
          }
          return Optional.of("no containerInsights=enabled setting");
        });
  }

  // ---- database ---------------------------------------------------------------------------

  private static Finding eachDb(StackGraph g, String passReason, Check check) {
    return each(g, RDS_INSTANCE, "RDS instance", passReason, check);
  }

  private static Optional<String> rds6(GraphResource db) {
    if (db.prop("monitoringInterval").asInt(0) <= 0) {
      return Optional.of("monitoringInterval is " + shown(db.prop("monitoringInterval")));
    }
    return db.prop("monitoringRoleArn").asText("").isEmpty()
        ? Optional.of("monitoringRoleArn is unset")
        : Optional.empty();
  }

  private static Optional<String> rds9(GraphResource db) {
    var exports = StackGraph.texts(db.prop("enabledCloudwatchLogsExports"));
    var engine = db.prop("engine").asText("postgres");
    var wanted = engine.contains("postgres") ? List.of("postgresql", "upgrade") : List.of("error");
    var missing = wanted.stream().filter(w -> !exports.contains(w)).toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("enabledCloudwatchLogsExports lacks " + missing);
  }

  private static Optional<String> rds11(GraphResource db) {
    var days = db.prop("backupRetentionPeriod").asInt(1);
    return days >= 7 ? Optional.empty() : Optional.of("backupRetentionPeriod is " + days);
  }

  private static int defaultPort(GraphResource db) {
    var engine = db.prop("engine").asText("postgres");
    return engine.contains("postgres") ? 5432 : engine.contains("sql") ? 3306 : -1;
  }

  private static Optional<String> rds23(GraphResource db) {
    var port = db.prop("port").asInt(defaultPort(db));
    return port == defaultPort(db)
        ? Optional.of(
            "port is the default " + port + (db.prop("port").isMissingNode() ? " (unset)" : ""))
        : Optional.empty();
  }

  private static Optional<String> rds25(GraphResource db) {
    var user = db.prop("username").asText("");
    return user.isEmpty() || Set.of("postgres", "admin", "root").contains(user)
        ? Optional.of("username is " + (user.isEmpty() ? "unset" : user))
        : Optional.empty();
  }

  private static Optional<String> rds38(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, "parameterGroupName", RDS_PARAMETER_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no project parameter group (the default group cannot force TLS)");
    }
    for (var group : groups) {
      for (var p : group.prop("parameters")) {
        if ("rds.force_ssl".equals(p.path("name").asText(""))
            && "1".equals(p.path("value").asText(""))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("parameter group does not set rds.force_ssl=1");
  }

  private static Optional<String> rds46(StackGraph g, GraphResource db) {
    var groups = g.referenced(db, "dbSubnetGroupName", RDS_SUBNET_GROUP);
    if (groups.isEmpty()) {
      return Optional.of("no DB subnet group of the project (the default group is public)");
    }
    var exposed = new ArrayList<String>();
    for (var group : groups) {
      for (var subnet : g.referenced(group, "subnetIds", SUBNET)) {
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
  static boolean hasInternetRoute(StackGraph g, GraphResource subnet) {
    for (var association : g.referencing(subnet, ROUTE_TABLE_ASSOCIATION, "subnetId")) {
      for (var table : g.referenced(association, "routeTableId", ROUTE_TABLE)) {
        for (var route : g.referencing(table, ROUTE, "routeTableId")) {
          if (isInternetGateway(g, route, "gatewayId")) {
            return true;
          }
        }
        for (var inline : table.prop("routes")) {
          if (inline.path("gatewayId").asText("").startsWith("igw-")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isInternetGateway(StackGraph g, GraphResource route, String path) {
    return !g.referenced(route, path, INTERNET_GATEWAY).isEmpty()
        || route.prop(path).asText("").startsWith("igw-");
  }

  // ---- cache ------------------------------------------------------------------------------

  private static Finding eachCache(StackGraph g, String passReason, Check check) {
    return each(g, REPLICATION_GROUP, "ElastiCache replication group", passReason, check);
  }

  private static Optional<String> cache3(GraphResource r) {
    var problems = new ArrayList<String>();
    if (!bool(r.prop("automaticFailoverEnabled"), false)) {
      problems.add("automaticFailoverEnabled is not true");
    }
    if (!bool(r.prop("multiAzEnabled"), false)) {
      problems.add("multiAzEnabled is not true");
    }
    if (StackGraph.cacheNodes(r) < 2) {
      problems.add(StackGraph.cacheNodes(r) + " node(s), failover needs 2");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
  }

  private static Optional<String> cache6(GraphResource r) {
    var token = r.secretProps().contains("authToken") || !r.prop("authToken").asText("").isEmpty();
    var rbac = r.prop("userGroupIds").size() > 0;
    return token || rbac ? Optional.empty() : Optional.of("no authToken and no RBAC user group");
  }

  private static Optional<String> cache7(StackGraph g, GraphResource r) {
    var name = r.prop("subnetGroupName").asText("default");
    if ("default".equals(name)) {
      return Optional.of("uses the default subnet group");
    }
    return g.referenced(r, "subnetGroupName", CACHE_SUBNET_GROUP).isEmpty()
        ? Optional.of("subnet group " + name + " is not one the project declares")
        : Optional.empty();
  }

  // ---- storage ----------------------------------------------------------------------------

  private static Finding eachBucket(StackGraph g, String passReason, Check check) {
    return each(g, BUCKET, "S3 bucket", passReason, check);
  }

  /** The bucket's companion resources of a type (joined by their {@code bucket} input). */
  static List<GraphResource> companions(StackGraph g, GraphResource bucket, String type) {
    return g.referencing(bucket, type, "bucket");
  }

  private static Optional<String> companion(
      StackGraph g,
      GraphResource bucket,
      String type,
      String what,
      Predicate<GraphResource> satisfies) {
    return companions(g, bucket, type).stream().anyMatch(satisfies)
        ? Optional.empty()
        : Optional.of("no " + what + " (" + type.substring(type.lastIndexOf(':') + 1) + ")");
  }

  private static Optional<String> s3_9(StackGraph g, GraphResource bucket) {
    var problem = companion(g, bucket, BUCKET_LOGGING, "server access logging", x -> true);
    if (problem.isEmpty()) {
      return problem;
    }
    // Security Hub exempts no bucket, log destinations included; say so, the fix differs.
    var logsFor =
        g.all(BUCKET_LOGGING).stream()
            .filter(l -> g.referenced(l, "targetBucket", BUCKET).contains(bucket))
            .map(l -> l.name())
            .toList();
    var lbLogs =
        g.all(LOAD_BALANCER).stream()
            .filter(
                lb ->
                    StackGraph.identifiers(bucket)
                        .contains(lb.prop("accessLogs.bucket").asText("")))
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

  private static final List<String> BLOCK_FLAGS =
      List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets");

  private static Optional<String> allFlags(GraphResource block) {
    var off = BLOCK_FLAGS.stream().filter(f -> !bool(block.prop(f), false)).toList();
    return off.isEmpty() ? Optional.empty() : Optional.of(block.name() + " leaves " + off + " off");
  }

  private static Optional<String> s3_8(StackGraph g, GraphResource bucket) {
    var blocks = companions(g, bucket, BUCKET_PUBLIC_ACCESS_BLOCK);
    if (blocks.isEmpty()) {
      return Optional.of("no BucketPublicAccessBlock");
    }
    return blocks.stream().map(Rules::allFlags).flatMap(Optional::stream).findFirst();
  }

  private static Finding s3_1AccountBlocksPublicAccess(StackGraph g) {
    var account = g.all(ACCOUNT_PUBLIC_ACCESS_BLOCK);
    if (!account.isEmpty()) {
      return each(account, "account public access block", "all four flags on", Rules::allFlags);
    }
    // The account-level setting lives outside this program; every bucket it creates blocks.
    var perBucket = eachBucket(g, "blocks public access (all four flags)", b -> s3_8(g, b));
    return perBucket.status() == PolicyStatus.PASS
        ? Finding.pass(
            perBucket.resources(),
            perBucket.reason()
                + "; the account-level block is not managed by this program and is not visible"
                + " offline")
        : perBucket;
  }

  private static Optional<String> s3_5(StackGraph g, GraphResource bucket) {
    for (var policy : companions(g, bucket, BUCKET_POLICY)) {
      var doc = parse(policy.prop("policy"));
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

  private static List<JsonNode> statements(JsonNode document) {
    var s = document.path("Statement");
    var out = new ArrayList<JsonNode>();
    if (s.isArray()) {
      s.forEach(out::add);
    } else if (s.isObject()) {
      out.add(s);
    }
    return out;
  }

  // ---- secrets ----------------------------------------------------------------------------

  private static List<GraphResource> managedMasterSecrets(StackGraph g) {
    return g.all(RDS_INSTANCE).stream()
        .filter(db -> bool(db.prop("manageMasterUserPassword"), false))
        .toList();
  }

  private static Finding secretsRotate(StackGraph g, boolean within90Days) {
    var secrets = g.all(SECRET);
    var managed = managedMasterSecrets(g);
    if (secrets.isEmpty() && managed.isEmpty()) {
      return Finding.notApplicable("no Secrets Manager secrets in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var secret : secrets) {
      var rotations = g.referencing(secret, SECRET_ROTATION, "secretId");
      if (rotations.isEmpty()) {
        failed.add(secret.name());
        problems.add(secret.name() + ": no aws:secretsmanager/secretRotation");
      } else if (within90Days && rotations.stream().noneMatch(Rules::rotatesWithin90Days)) {
        failed.add(secret.name());
        problems.add(secret.name() + ": rotation interval over 90 days or not stated");
      }
    }
    var names = new ArrayList<String>();
    secrets.forEach(s -> names.add(s.name()));
    managed.forEach(db -> names.add(db.name() + " (RDS-managed master secret)"));
    if (!failed.isEmpty()) {
      return Finding.fail(failed, String.join("; ", problems));
    }
    return Finding.pass(
        names,
        "every secret rotates"
            + (within90Days ? " within 90 days" : "")
            + (managed.isEmpty() ? "" : "; RDS rotates its managed master secret (every 7 days)"));
  }

  private static boolean rotatesWithin90Days(GraphResource rotation) {
    var days = rotation.prop("rotationRules.automaticallyAfterDays");
    if (days.isNumber()) {
      return days.asInt() <= 90;
    }
    var schedule = rotation.prop("rotationRules.scheduleExpression").asText("");
    var m = java.util.regex.Pattern.compile("rate\\((\\d+) days?\\)").matcher(schedule);
    return m.matches() && Integer.parseInt(m.group(1)) <= 90;
  }

  private static Finding secretsRotationSucceeds(StackGraph g) {
    if (g.all(SECRET).isEmpty() && managedMasterSecrets(g).isEmpty()) {
      return Finding.notApplicable("no Secrets Manager secrets in the graph");
    }
    return Finding.notApplicable(
        "not decidable from the graph: whether a rotation succeeded is only known at run time"
            + " (Security Hub checks it in the account)");
  }

  // ---- functions ------------------------------------------------------------------------

  /**
   * Runtimes Lambda supports and does not deprecate before 2027 (AWS Lambda Developer Guide,
   * "Lambda runtimes"); Lambda.2 fails on any other.
   */
  private static final Set<String> LAMBDA_RUNTIMES =
      Set.of(
          "nodejs22.x",
          "nodejs24.x",
          "python3.12",
          "python3.13",
          "python3.14",
          "java17",
          "java21",
          "java25",
          "dotnet8",
          "ruby3.4",
          "provided.al2023");

  /**
   * Lambda.1: every invoke permission names one principal, never {@code *}; an AWS service may
   * invoke only for this account ({@code sourceAccount}) and one resource ({@code sourceArn}).
   */
  private static Finding lambda1NoPublicInvoke(StackGraph g) {
    if (g.all(LAMBDA_FUNCTION).isEmpty()) {
      return Finding.notApplicable("no Lambda function in the graph");
    }
    var permissions = g.all(LAMBDA_PERMISSION);
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var p : permissions) {
      var principal = p.prop("principal").asText("");
      String problem = null;
      if (principal.isEmpty() || principal.contains("*")) {
        problem = "principal " + (principal.isEmpty() ? "unset" : principal);
      } else if (principal.endsWith(".amazonaws.com")
          && (p.prop("sourceAccount").asText("").isEmpty()
              || p.prop("sourceArn").asText("").isEmpty())) {
        problem = "service principal " + principal + " without sourceAccount and sourceArn";
      }
      if (problem != null) {
        failed.add(p.name());
        problems.add(p.name() + ": " + problem);
      }
    }
    var names = new ArrayList<String>();
    g.all(LAMBDA_FUNCTION).forEach(f -> names.add(f.name()));
    permissions.forEach(p -> names.add(p.name()));
    return failed.isEmpty()
        ? Finding.pass(
            names,
            permissions.size()
                + " invoke permissions, each for one principal, services bound to this account"
                + " and one source")
        : Finding.fail(failed, String.join("; ", problems));
  }

  private static Optional<String> lambda2(GraphResource f) {
    var runtime = f.prop("runtime").asText("");
    if (runtime.isEmpty()) {
      return "Image".equals(f.prop("packageType").asText(""))
          ? Optional.empty()
          : Optional.of("runtime unset");
    }
    return LAMBDA_RUNTIMES.contains(runtime)
        ? Optional.empty()
        : Optional.of("runtime " + runtime + " is deprecated or unknown");
  }

  private static Optional<String> lambda3(GraphResource f) {
    if (f.prop("vpcConfig.subnetIds").size() == 0) {
      return Optional.of("no vpcConfig.subnetIds");
    }
    return f.prop("vpcConfig.securityGroupIds").size() == 0
        ? Optional.of("no vpcConfig.securityGroupIds")
        : Optional.empty();
  }

  private static Optional<String> lambda5(StackGraph g, GraphResource f) {
    var subnets = f.prop("vpcConfig.subnetIds");
    if (subnets.size() == 0) {
      return Optional.of("not in a VPC");
    }
    var zones =
        g.referenced(f, "vpcConfig.subnetIds", SUBNET).stream()
            .map(s -> s.prop("availabilityZone").asText(""))
            .filter(z -> !z.isEmpty())
            .collect(Collectors.toSet());
    // Subnets outside the graph: count them; each of the program's subnets is in its own AZ.
    var spread = zones.isEmpty() ? subnets.size() : zones.size();
    return spread >= 2 ? Optional.empty() : Optional.of("subnets in " + spread + " AZ only");
  }

  // ---- observability, keys ----------------------------------------------------------------

  private static Optional<String> sns1(GraphResource topic) {
    var key = topic.prop("kmsMasterKeyId").asText("");
    if (key.isEmpty()) {
      return Optional.of("kmsMasterKeyId is unset");
    }
    return "alias/aws/sns".equals(key)
        ? Optional.of("uses the AWS-managed SNS key, which CloudWatch cannot publish with")
        : Optional.empty();
  }

  private static Finding sns4NoPublicTopicPolicy(StackGraph g) {
    if (g.all(SNS_TOPIC).isEmpty()) {
      return Finding.notApplicable("no SNS topic in the graph");
    }
    var documents = new ArrayList<GraphResource>();
    g.all(SNS_TOPIC).stream().filter(t -> t.prop("policy").isTextual()).forEach(documents::add);
    documents.addAll(g.all(SNS_TOPIC_POLICY));
    var resources = g.all(SNS_TOPIC).stream().map(GraphResource::name).toList();
    var failed = new ArrayList<String>();
    for (var r : documents) {
      var doc = parse(r.prop("policy"));
      if (doc.isEmpty()) {
        failed.add(r.name() + " (policy not readable offline)");
        continue;
      }
      for (var statement : statements(doc.get())) {
        var principal = statement.path("Principal");
        var open =
            "*".equals(principal.asText(""))
                || StackGraph.texts(principal.path("AWS")).contains("*");
        if ("Allow".equals(statement.path("Effect").asText("")) && open) {
          failed.add(r.name());
        }
      }
    }
    return failed.isEmpty()
        ? Finding.pass(resources, "no topic policy allows a * principal")
        : Finding.fail(failed, "topic policy allows a * principal: " + failed);
  }

  private static Optional<String> kms4(GraphResource key) {
    var spec =
        key.prop("customerMasterKeySpec").asText(key.prop("keySpec").asText("SYMMETRIC_DEFAULT"));
    if (!"SYMMETRIC_DEFAULT".equals(spec)) {
      return Optional.empty();
    }
    return isTrue(key, "enableKeyRotation", false);
  }

  private static Optional<String> acm2(GraphResource cert) {
    var algorithm = cert.prop("keyAlgorithm").asText("RSA_2048");
    return Set.of("RSA_1024").contains(algorithm)
        ? Optional.of("keyAlgorithm " + algorithm + " is weaker than RSA 2048")
        : Optional.empty();
  }

  // ---- identity ---------------------------------------------------------------------------

  /** An identity policy document in the graph: where it is declared and its JSON text. */
  record IamDocument(GraphResource declaredBy, String label, JsonNode text) {}

  static List<IamDocument> iamDocuments(StackGraph g) {
    var out = new ArrayList<IamDocument>();
    for (var type : List.of(IAM_ROLE_POLICY, IAM_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY)) {
      for (var r : g.all(type)) {
        out.add(new IamDocument(r, r.name(), r.prop("policy")));
      }
    }
    for (var role : g.all(IAM_ROLE)) {
      for (var inline : role.prop("inlinePolicies")) {
        out.add(
            new IamDocument(
                role,
                role.name() + "/" + inline.path("name").asText("inline"),
                inline.path("policy")));
      }
    }
    return out;
  }

  private static Finding iamPolicies(StackGraph g, boolean fullAdmin) {
    var documents = iamDocuments(g);
    var attachments = new ArrayList<GraphResource>(g.all(IAM_ROLE_POLICY_ATTACHMENT));
    if (documents.isEmpty() && attachments.isEmpty() && g.all(IAM_ROLE).isEmpty()) {
      return Finding.notApplicable("no IAM policies in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var d : documents) {
      var doc = parse(d.text());
      if (doc.isEmpty()) {
        failed.add(d.label());
        problems.add(d.label() + ": policy not readable offline");
        continue;
      }
      for (var statement : statements(doc.get())) {
        if (!"Allow".equals(statement.path("Effect").asText(""))) {
          continue;
        }
        var actions = StackGraph.texts(statement.path("Action"));
        var resources = StackGraph.texts(statement.path("Resource"));
        if (fullAdmin) {
          if ((actions.contains("*") || actions.contains("*:*")) && resources.contains("*")) {
            failed.add(d.label());
            problems.add(d.label() + ": allows Action * on Resource *");
          }
        } else {
          var wildcards =
              actions.stream()
                  .filter(a -> a.equals("*") || a.matches("[A-Za-z0-9-]+:\\*"))
                  .toList();
          if (!wildcards.isEmpty()) {
            failed.add(d.label());
            problems.add(d.label() + ": allows service-wide wildcard " + wildcards);
          }
        }
      }
    }
    if (fullAdmin) {
      for (var a : attachments) {
        if (ADMIN_POLICY_ARN.equals(a.prop("policyArn").asText(""))) {
          failed.add(a.name());
          problems.add(a.name() + ": attaches AdministratorAccess");
        }
      }
      for (var role : g.all(IAM_ROLE)) {
        if (StackGraph.texts(role.prop("managedPolicyArns")).contains(ADMIN_POLICY_ARN)) {
          failed.add(role.name());
          problems.add(role.name() + ": attaches AdministratorAccess");
        }
      }
    }
    var names = documents.stream().map(IamDocument::label).collect(Collectors.toList());
    attachments.forEach(a -> names.add(a.name()));
    return failed.isEmpty()
        ? Finding.pass(
            names,
            names.size()
                + " identity policies: "
                + (fullAdmin ? "none grants * on *" : "no service-wide wildcard action"))
        : Finding.fail(failed.stream().distinct().toList(), String.join("; ", problems));
  }
}
