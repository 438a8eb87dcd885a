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
                // IAM puts the role's path into its ARN: role/<path>/<name>.
                r.globalArn(
                    "iam",
                    "role" + (r.input("path") instanceof String p ? p : "/") + r.physicalName()),
                "uniqueId",
                "AROA" + r.id().toUpperCase(java.util.Locale.ROOT)));
    put("aws:iam/rolePolicy:RolePolicy", r -> Map.of());
    put("aws:kms/key:Key", r -> Map.of("arn", r.arn("kms", "key/" + r.id()), "keyId", r.id()));
    // observability, deploy access and guardrails
    put("aws:sns/topic:Topic", r -> Map.of("arn", r.arn("sns", r.physicalName())));
    put("aws:sns/topicPolicy:TopicPolicy", r -> Map.of());
    put(
        "aws:sns/topicSubscription:TopicSubscription",
        r -> Map.of("arn", r.arn("sns", r.physicalName() + ":" + r.id())));
    put(
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        r -> Map.of("arn", r.arn("cloudwatch", "alarm:" + r.physicalName())));
    put(
        "aws:cloudwatch/eventRule:EventRule",
        r -> Map.of("arn", r.arn("events", "rule/" + r.physicalName())));
    put("aws:cloudwatch/eventTarget:EventTarget", r -> Map.of());
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
        "aws:iam/policy:Policy",
        r ->
            Map.of(
                "arn",
                r.globalArn(
                    "iam",
                    "policy" + (r.input("path") instanceof String p ? p : "/") + r.physicalName()),
                "policyId",
                "ANPA" + r.id().toUpperCase(java.util.Locale.ROOT)));
    put("aws:iam/rolePolicyAttachment:RolePolicyAttachment", r -> Map.of());
    put(
        "aws:budgets/budget:Budget",
        r -> Map.of("arn", r.globalArn("budgets", "budget/" + r.physicalName())));
    put("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", r -> Map.of());
  }

  private MockResourceTypes() {}

  private static void put(String type, Function<MockResource, Map<String, Object>> computed) {
    COMPUTED.put(type, computed);
  }

  static Optional<Function<MockResource, Map<String, Object>>> computed(String type) {
    return Optional.ofNullable(COMPUTED.get(type));
  }
}
