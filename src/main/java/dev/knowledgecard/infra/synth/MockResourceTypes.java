package dev.knowledgecard.infra.synth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The resource types the offline engine can create, each with the outputs AWS would compute (ids,
 * ARNs, endpoints) so that downstream components receive realistic values. A type missing here
 * fails the run loudly: a new resource type means a new line here.
 */
final class MockResourceTypes {
  private static final Map<String, Function<MockResource, Map<String, Object>>> COMPUTED =
      new HashMap<>();

  static {
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
    put("aws:ec2/subnet:Subnet", r -> Map.of("arn", r.arn("ec2", "subnet/" + r.id())));
    put(
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        r -> Map.of("arn", r.arn("ec2", "security-group/" + r.id())));
    put(
        "aws:ec2/internetGateway:InternetGateway",
        r -> Map.of("arn", r.arn("ec2", "internet-gateway/" + r.id())));
    put(
        "aws:ec2/eip:Eip",
        r ->
            Map.of(
                "publicIp",
                "198.51.100." + (Math.floorMod(r.name().hashCode(), 250) + 1),
                "allocationId",
                r.id()));
    put("aws:ec2/natGateway:NatGateway", r -> Map.of());
    put("aws:ec2/routeTable:RouteTable", r -> Map.of("arn", r.arn("ec2", "route-table/" + r.id())));
    put("aws:ec2/route:Route", r -> Map.of());
    put("aws:ec2/routeTableAssociation:RouteTableAssociation", r -> Map.of());
    put(
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        r -> Map.of("arn", r.arn("ec2", "vpc-endpoint/" + r.id())));
    put("aws:ec2/flowLog:FlowLog", r -> Map.of("arn", r.arn("ec2", "vpc-flow-log/" + r.id())));
    put(
        "aws:ec2/securityGroup:SecurityGroup",
        r -> Map.of("arn", r.arn("ec2", "security-group/" + r.id())));
    put(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        r -> Map.of("arn", r.arn("ec2", "security-group-rule/" + r.id())));
    put(
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        r -> Map.of("arn", r.arn("ec2", "security-group-rule/" + r.id())));
    // logs and identity
    put(
        "aws:cloudwatch/logGroup:LogGroup",
        r -> Map.of("arn", r.arn("logs", "log-group:" + r.physicalName())));
    put(
        "aws:iam/role:Role",
        r ->
            Map.of(
                "arn",
                r.globalArn("iam", "role/" + r.physicalName()),
                "uniqueId",
                "AROA" + r.id().toUpperCase(java.util.Locale.ROOT)));
    put("aws:iam/rolePolicy:RolePolicy", r -> Map.of());
    put("aws:kms/key:Key", r -> Map.of("arn", r.arn("kms", "key/" + r.id()), "keyId", r.id()));
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
    put(
        "aws:ecr/lifecyclePolicy:LifecyclePolicy",
        r -> Map.of("registryId", r.account(), "repository", r.input("repository")));
    put(
        "aws:s3/bucketV2:BucketV2",
        r ->
            Map.of(
                "arn",
                "arn:aws:s3:::" + r.physicalName(),
                "bucket",
                r.physicalName(),
                "bucketDomainName",
                r.physicalName() + ".s3.amazonaws.com",
                "bucketRegionalDomainName",
                r.physicalName() + ".s3." + r.region() + ".amazonaws.com",
                "region",
                r.region()));
    put("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", r -> Map.of());
    put("aws:s3/bucketOwnershipControls:BucketOwnershipControls", r -> Map.of());
    put(
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        r -> Map.of());
    put("aws:s3/bucketVersioningV2:BucketVersioningV2", r -> Map.of());
    put("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", r -> Map.of());
    put("aws:s3/bucketPolicy:BucketPolicy", r -> Map.of());
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
              java.util.List.of(
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
    put(
        "aws:route53/record:Record",
        r -> {
          var name = String.valueOf(r.input("name"));
          return Map.of("fqdn", name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        });
    put("aws:ecs/cluster:Cluster", r -> Map.of("arn", r.arn("ecs", "cluster/" + r.physicalName())));
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
                java.util.List.of()));
  }

  private MockResourceTypes() {}

  private static void put(String type, Function<MockResource, Map<String, Object>> computed) {
    COMPUTED.put(type, computed);
  }

  static Optional<Function<MockResource, Map<String, Object>>> computed(String type) {
    return Optional.ofNullable(COMPUTED.get(type));
  }
}
