package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pulumi up} of this program needs, as four managed policies (each under IAM's 6,144
 * character limit). The same model everywhere:
 *
 * <ul>
 *   <li>reads ({@code Describe*}, {@code List*}, {@code Get*}) in the stack's region;
 *   <li>creates and changes in the stack's region, by explicit action, and on resources named after
 *       the stack where the ARN carries the name (log groups, alarms, dashboard, topics, rules,
 *       buckets, roles, budget);
 *   <li>deletes only of resources tagged {@code Stack=<stack>} (the provider's default tags), so in
 *       an account shared by staging and prod one stack's pipeline cannot destroy the other's;
 *   <li>IAM confined to the workload role path with the permissions boundary; the boundary, the CI
 *       roles and account-level resources stay administrator-managed.
 * </ul>
 */
final class DeployPermissions {
  static final String PERMISSIONS_BOUNDARY_KEY = "iam:PermissionsBoundary";

  /** Services whose service-linked roles the first deploy of a fresh account creates. */
  static final List<String> SERVICE_LINKED_ROLES =
      List.of(
          "ecs.amazonaws.com",
          "elasticloadbalancing.amazonaws.com",
          "rds.amazonaws.com",
          "elasticache.amazonaws.com",
          "ecs.application-autoscaling.amazonaws.com");

  /** Services the program's roles are handed to. */
  static final List<String> PASSED_TO =
      List.of(
          "ecs-tasks.amazonaws.com",
          "vpc-flow-logs.amazonaws.com",
          "monitoring.rds.amazonaws.com",
          "rds.amazonaws.com");

  /**
   * Everything a statement needs to know about the stack.
   *
   * @param project project name
   * @param stack stack name
   * @param region stack region
   * @param accountId account id
   * @param rolePath path of workload roles
   * @param ciPath path of CI roles and the boundary
   * @param boundaryArn the workload permissions boundary
   * @param budgetName the stack's budget
   * @param stateBucket the Pulumi state bucket
   * @param stateKey KMS key statement scope for the Pulumi state
   * @param domainName the app domain whose alias and certificate-validation records the stack
   *     manages, if any
   */
  record Scope(
      String project,
      String stack,
      String region,
      Output<String> accountId,
      String rolePath,
      String ciPath,
      Output<String> boundaryArn,
      String budgetName,
      Output<String> stateBucket,
      StateKey stateKey,
      Optional<String> domainName) {

    Output<String> arn(String service, String rest) {
      return accountId.applyValue(
          id -> "arn:aws:" + service + ":" + region + ":" + id + ":" + rest);
    }

    Output<String> globalArn(String service, String rest) {
      return accountId.applyValue(id -> "arn:aws:" + service + "::" + id + ":" + rest);
    }

    String prefix() {
      return project + "-" + stack;
    }
  }

  private DeployPermissions() {}

  /** Policy name suffix to statements; four managed policies attached to the deploy role. */
  static Map<String, List<PolicyStatement>> policies(Scope s) {
    var policies = new LinkedHashMap<String, List<PolicyStatement>>();
    policies.put("network", network(s));
    policies.put("data", data(s));
    policies.put("platform", platform(s));
    policies.put("operations", operations(s));
    return policies;
  }

  private static List<PolicyStatement> network(Scope s) {
    return List.of(
        regional(s, "Ec2Read", "ec2:Describe*", "ec2:GetManagedPrefixListEntries"),
        regional(
            s,
            "Ec2CreateAndChange",
            "ec2:CreateVpc",
            "ec2:ModifyVpcAttribute",
            "ec2:CreateSubnet",
            "ec2:ModifySubnetAttribute",
            "ec2:CreateInternetGateway",
            "ec2:AttachInternetGateway",
            "ec2:DetachInternetGateway",
            "ec2:AllocateAddress",
            "ec2:DisassociateAddress",
            "ec2:CreateNatGateway",
            "ec2:CreateRouteTable",
            "ec2:CreateRoute",
            "ec2:ReplaceRoute",
            "ec2:DeleteRoute",
            "ec2:AssociateRouteTable",
            "ec2:DisassociateRouteTable",
            "ec2:CreateVpcEndpoint",
            "ec2:ModifyVpcEndpoint",
            "ec2:CreateFlowLogs",
            "ec2:CreateSecurityGroup",
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress",
            "ec2:RevokeSecurityGroupEgress",
            "ec2:ModifySecurityGroupRules",
            "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
            "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
            "ec2:CreateTags",
            "ec2:DeleteTags"),
        ownedDelete(
            s,
            "Ec2DeleteOwn",
            "ec2:DeleteVpc",
            "ec2:DeleteSubnet",
            "ec2:DeleteInternetGateway",
            "ec2:ReleaseAddress",
            "ec2:DeleteNatGateway",
            "ec2:DeleteRouteTable",
            "ec2:DeleteVpcEndpoints",
            "ec2:DeleteFlowLogs",
            "ec2:DeleteSecurityGroup"));
  }

  private static List<PolicyStatement> data(Scope s) {
    return List.of(
        regional(
            s,
            "DataRead",
            "rds:Describe*",
            "rds:ListTagsForResource",
            "elasticache:Describe*",
            "elasticache:ListTagsForResource",
            "secretsmanager:DescribeSecret",
            "secretsmanager:GetResourcePolicy",
            "secretsmanager:ListSecrets",
            "kms:DescribeKey",
            "kms:GetKeyPolicy",
            "kms:GetKeyRotationStatus",
            "kms:ListAliases",
            "kms:ListResourceTags"),
        regional(
            s,
            "DataCreateAndChange",
            "rds:CreateDBInstance",
            "rds:ModifyDBInstance",
            "rds:RebootDBInstance",
            "rds:CreateDBSnapshot",
            "rds:CreateDBSubnetGroup",
            "rds:ModifyDBSubnetGroup",
            "rds:CreateDBParameterGroup",
            "rds:ModifyDBParameterGroup",
            "rds:AddTagsToResource",
            "rds:RemoveTagsFromResource",
            "elasticache:CreateReplicationGroup",
            "elasticache:ModifyReplicationGroup",
            "elasticache:CreateCacheSubnetGroup",
            "elasticache:ModifyCacheSubnetGroup",
            "elasticache:CreateCacheParameterGroup",
            "elasticache:ModifyCacheParameterGroup",
            "elasticache:CreateSnapshot",
            "elasticache:AddTagsToResource",
            "elasticache:RemoveTagsFromResource",
            "secretsmanager:CreateSecret",
            "secretsmanager:TagResource",
            "kms:CreateKey"),
        // Keys and secrets: every use and change only on those the stack tagged as its own.
        ownedDelete(
            s,
            "DataChangeAndDeleteOwn",
            "rds:DeleteDBInstance",
            "rds:DeleteDBSubnetGroup",
            "rds:DeleteDBParameterGroup",
            "elasticache:DeleteReplicationGroup",
            "elasticache:DeleteCacheSubnetGroup",
            "elasticache:DeleteCacheParameterGroup",
            "secretsmanager:GetSecretValue",
            "secretsmanager:PutSecretValue",
            "secretsmanager:UpdateSecret",
            "secretsmanager:UntagResource",
            "secretsmanager:PutResourcePolicy",
            "secretsmanager:DeleteResourcePolicy",
            "secretsmanager:RotateSecret",
            "secretsmanager:CancelRotateSecret",
            "secretsmanager:DeleteSecret",
            "kms:PutKeyPolicy",
            "kms:EnableKeyRotation",
            "kms:UpdateKeyDescription",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:CreateGrant",
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "kms:ScheduleKeyDeletion"));
  }

  private static List<PolicyStatement> platform(Scope s) {
    var statements = new ArrayList<>(platformServices(s));
    s.domainName().ifPresent(domain -> statements.addAll(dns(domain)));
    return statements;
  }

  /**
   * Route 53: reads anywhere (zone lookup, change status), but record changes only to the stack's
   * own domain and its ACM validation names, and only of the record types the stack creates.
   */
  private static List<PolicyStatement> dns(String domain) {
    var name = domain.toLowerCase(java.util.Locale.ROOT);
    return List.of(
        PolicyStatement.allow("DnsRead")
            .actions(
                "route53:GetHostedZone",
                "route53:ListHostedZones",
                "route53:ListHostedZonesByName",
                "route53:ListResourceRecordSets",
                "route53:ListTagsForResource",
                "route53:GetChange")
            .resource("*")
            .build(),
        PolicyStatement.allow("DnsStackRecords")
            .actions("route53:ChangeResourceRecordSets")
            .resource("arn:aws:route53:::hostedzone/*")
            .condition(
                "ForAllValues:StringLike",
                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                name,
                "_*." + name)
            .condition(
                "ForAllValues:StringEquals",
                "route53:ChangeResourceRecordSetsRecordTypes",
                "A",
                "AAAA",
                "CNAME")
            .build());
  }

  private static List<PolicyStatement> platformServices(Scope s) {
    var buckets =
        List.of(
            Output.of("arn:aws:s3:::" + s.prefix() + "-*"),
            Output.of("arn:aws:s3:::" + s.stack() + "-*"));
    var logGroups =
        List.of(
            s.arn("logs", "log-group:/" + s.project() + "/" + s.stack() + "/*"),
            s.arn("logs", "log-group:" + s.stack() + "-*"),
            // RDS log exports, created ahead of the instance to set their retention.
            s.arn("logs", "log-group:/aws/rds/instance/" + s.prefix() + "-*"));
    return List.of(
        regional(
            s,
            "PlatformRead",
            "ecs:Describe*",
            "ecs:List*",
            "ecr:Describe*",
            "ecr:List*",
            "ecr:GetLifecyclePolicy",
            "ecr:GetRepositoryPolicy",
            "elasticloadbalancing:Describe*",
            "acm:DescribeCertificate",
            "acm:ListCertificates",
            "acm:ListTagsForCertificate",
            "application-autoscaling:Describe*",
            "logs:DescribeLogGroups",
            "logs:ListTagsForResource",
            "logs:ListTagsLogGroup"),
        regional(
            s,
            "PlatformCreateAndChange",
            "ecs:CreateCluster",
            "ecs:UpdateCluster",
            "ecs:UpdateClusterSettings",
            "ecs:PutClusterCapacityProviders",
            "ecs:CreateService",
            "ecs:UpdateService",
            "ecs:RegisterTaskDefinition",
            "ecs:DeregisterTaskDefinition",
            "ecs:RunTask",
            "ecs:TagResource",
            "ecs:UntagResource",
            "ecr:CreateRepository",
            "ecr:PutLifecyclePolicy",
            "ecr:PutImageScanningConfiguration",
            "ecr:PutImageTagMutability",
            "ecr:SetRepositoryPolicy",
            "ecr:TagResource",
            "ecr:UntagResource",
            "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:CreateTargetGroup",
            "elasticloadbalancing:CreateListener",
            "elasticloadbalancing:CreateRule",
            "elasticloadbalancing:ModifyLoadBalancerAttributes",
            "elasticloadbalancing:ModifyTargetGroup",
            "elasticloadbalancing:ModifyTargetGroupAttributes",
            "elasticloadbalancing:ModifyListener",
            "elasticloadbalancing:ModifyRule",
            "elasticloadbalancing:SetSecurityGroups",
            "elasticloadbalancing:SetSubnets",
            "elasticloadbalancing:AddTags",
            "elasticloadbalancing:RemoveTags",
            "acm:RequestCertificate",
            "acm:AddTagsToCertificate",
            "acm:RemoveTagsFromCertificate",
            "application-autoscaling:RegisterScalableTarget",
            "application-autoscaling:DeregisterScalableTarget",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:DeleteScalingPolicy",
            "application-autoscaling:TagResource",
            "application-autoscaling:ListTagsForResource"),
        ownedDelete(
            s,
            "PlatformDeleteOwn",
            "ecs:DeleteCluster",
            "ecs:DeleteService",
            "ecs:DeleteTaskDefinitions",
            "ecr:DeleteRepository",
            "ecr:DeleteLifecyclePolicy",
            "ecr:DeleteRepositoryPolicy",
            "elasticloadbalancing:DeleteLoadBalancer",
            "elasticloadbalancing:DeleteTargetGroup",
            "elasticloadbalancing:DeleteListener",
            "elasticloadbalancing:DeleteRule",
            "acm:DeleteCertificate"),
        PolicyStatement.allow("StackBuckets")
            .actions(
                "s3:CreateBucket",
                "s3:DeleteBucket",
                "s3:ListBucket",
                "s3:GetBucket*",
                "s3:PutBucket*",
                "s3:DeleteBucketPolicy",
                "s3:GetAccelerateConfiguration",
                "s3:GetEncryptionConfiguration",
                "s3:PutEncryptionConfiguration",
                "s3:GetLifecycleConfiguration",
                "s3:PutLifecycleConfiguration",
                "s3:GetReplicationConfiguration")
            .resources(buckets)
            .build(),
        PolicyStatement.allow("StackLogGroups")
            .actions(
                "logs:CreateLogGroup",
                "logs:DeleteLogGroup",
                "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy",
                "logs:AssociateKmsKey",
                "logs:DisassociateKmsKey",
                "logs:TagResource",
                "logs:UntagResource",
                "logs:TagLogGroup",
                "logs:UntagLogGroup",
                // The pipeline prints the migration task's log on failure.
                "logs:DescribeLogStreams",
                "logs:GetLogEvents")
            .resources(logGroups)
            .build());
  }

  private static List<PolicyStatement> operations(Scope s) {
    var statements = new ArrayList<PolicyStatement>();
    statements.add(
        regional(
            s,
            "ObservabilityRead",
            "cloudwatch:Describe*",
            "cloudwatch:GetDashboard",
            "cloudwatch:ListDashboards",
            "cloudwatch:ListTagsForResource",
            "sns:GetTopicAttributes",
            "sns:GetSubscriptionAttributes",
            "sns:ListTopics",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTagsForResource",
            "events:DescribeRule",
            "events:ListTargetsByRule",
            "events:ListTagsForResource"));
    statements.add(
        PolicyStatement.allow("StackAlarmsDashboardTopicsRules")
            .actions(
                "cloudwatch:PutMetricAlarm",
                "cloudwatch:DeleteAlarms",
                "cloudwatch:TagResource",
                "cloudwatch:UntagResource",
                "cloudwatch:PutDashboard",
                "cloudwatch:DeleteDashboards",
                "sns:CreateTopic",
                "sns:DeleteTopic",
                "sns:SetTopicAttributes",
                "sns:Subscribe",
                "sns:Unsubscribe",
                "sns:SetSubscriptionAttributes",
                "sns:TagResource",
                "sns:UntagResource",
                "events:PutRule",
                "events:DeleteRule",
                "events:PutTargets",
                "events:RemoveTargets",
                "events:TagResource",
                "events:UntagResource")
            .resource(s.arn("cloudwatch", "alarm:" + s.stack() + "-*"))
            .resource(s.globalArn("cloudwatch", "dashboard/" + s.prefix() + "*"))
            .resource(s.arn("sns", s.stack() + "-*"))
            .resource(s.arn("events", "rule/" + s.stack() + "-*"))
            .build());
    statements.add(
        PolicyStatement.allow("StackBudget")
            .actions(
                "budgets:ViewBudget",
                "budgets:ModifyBudget",
                "budgets:ListTagsForResource",
                "budgets:TagResource",
                "budgets:UntagResource")
            .resource(s.globalArn("budgets", "budget/" + s.budgetName()))
            .build());
    statements.addAll(iam(s));
    statements.addAll(state(s));
    return statements;
  }

  private static List<PolicyStatement> iam(Scope s) {
    var workloadRoles = s.globalArn("iam", "role" + s.rolePath() + "*");
    var workloadPolicies = s.globalArn("iam", "policy" + s.rolePath() + "*");
    var ciRoles = s.globalArn("iam", "role" + s.ciPath() + "*");
    return List.of(
        PolicyStatement.allow("IamRead")
            .actions("iam:GetRole", "iam:GetRolePolicy", "iam:GetPolicy", "iam:GetPolicyVersion")
            .actions("iam:ListRolePolicies", "iam:ListAttachedRolePolicies")
            .actions("iam:ListInstanceProfilesForRole", "iam:ListPolicyVersions")
            .actions("iam:GetOpenIDConnectProvider")
            .resource("*")
            .build(),
        // New or re-bounded roles and their policies: only on the workload path, only with the
        // boundary.
        PolicyStatement.allow("CreateBoundedWorkloadRoles")
            .actions(
                "iam:CreateRole",
                "iam:PutRolePermissionsBoundary",
                "iam:PutRolePolicy",
                "iam:AttachRolePolicy")
            .resource(workloadRoles)
            .condition("StringEquals", PERMISSIONS_BOUNDARY_KEY, s.boundaryArn())
            .build(),
        PolicyStatement.allow("ManageWorkloadRoles")
            .actions(
                "iam:DeleteRole",
                "iam:DeleteRolePolicy",
                "iam:DetachRolePolicy",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:UpdateAssumeRolePolicy",
                "iam:TagRole",
                "iam:UntagRole")
            .resource(workloadRoles)
            .build(),
        PolicyStatement.allow("ManageWorkloadPolicies")
            .actions(
                "iam:CreatePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicy",
                "iam:DeletePolicyVersion",
                "iam:TagPolicy",
                "iam:UntagPolicy")
            .resource(workloadPolicies)
            .build(),
        PolicyStatement.allow("PassWorkloadRolesToServices")
            .actions("iam:PassRole")
            .resource(workloadRoles)
            .condition("StringEquals", "iam:PassedToService", PASSED_TO.toArray(String[]::new))
            .build(),
        PolicyStatement.allow("CreateServiceLinkedRoles")
            .actions("iam:CreateServiceLinkedRole")
            .resource(s.globalArn("iam", "role/aws-service-role/*"))
            .condition(
                "StringEquals", "iam:AWSServiceName", SERVICE_LINKED_ROLES.toArray(String[]::new))
            .build(),
        PolicyStatement.deny("NeverTouchTheBoundary")
            .actions(
                "iam:CreatePolicyVersion",
                "iam:DeletePolicy",
                "iam:DeletePolicyVersion",
                "iam:SetDefaultPolicyVersion")
            .resource(s.boundaryArn())
            .build(),
        PolicyStatement.deny("NeverRemoveABoundary")
            .actions("iam:DeleteRolePermissionsBoundary")
            .resource("*")
            .build(),
        PolicyStatement.deny("NeverChangeTheCiRoles")
            .actions(
                "iam:UpdateAssumeRolePolicy",
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:PutRolePermissionsBoundary",
                "iam:DeleteRole",
                "iam:UpdateRole",
                "iam:TagRole",
                "iam:UntagRole")
            .resource(ciRoles)
            .build());
  }

  /** Read and write the stack's checkpoints; decrypt and encrypt its secrets. */
  private static List<PolicyStatement> state(Scope s) {
    var statements = new ArrayList<PolicyStatement>();
    statements.add(
        PolicyStatement.allow("StateBucketList")
            .actions("s3:ListBucket", "s3:GetBucketLocation")
            .resource(s.stateBucket().applyValue(b -> "arn:aws:s3:::" + b))
            .build());
    statements.add(
        PolicyStatement.allow("StateObjectsReadWrite")
            .actions("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
            .resource(s.stateBucket().applyValue(b -> "arn:aws:s3:::" + b + "/.pulumi/*"))
            .build());
    statements.add(
        s.stateKey()
            .scope(PolicyStatement.allow("StateKeyUse"))
            .actions("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey")
            .build());
    return statements;
  }

  private static PolicyStatement regional(Scope s, String sid, String... actions) {
    return PolicyStatement.allow(sid)
        .actions(actions)
        .resource("*")
        .condition("StringEquals", "aws:RequestedRegion", s.region())
        .build();
  }

  private static PolicyStatement ownedDelete(Scope s, String sid, String... actions) {
    return PolicyStatement.allow(sid)
        .actions(actions)
        .resource("*")
        .condition("StringEquals", "aws:RequestedRegion", s.region())
        .condition("StringEquals", "aws:ResourceTag/Stack", s.stack())
        .build();
  }
}
