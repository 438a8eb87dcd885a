package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The permissions boundary of every role the program creates (task, execution, flow-log, monitoring
 * and secret rotation roles): the most any of them may ever do, whatever policy is attached. It
 * allows the AWS plumbing a containerised web app uses (logs, image pulls, exec, metrics) and data
 * access only to the stack's own secrets, keys, parameters and buckets; no IAM, account or
 * infrastructure administration at all. Created first, before any component that makes a role.
 *
 * <p>The boundary lives on the CI path ({@code /<project>-ci/<stack>/}), outside the path the
 * deploy role may manage, so CI can neither edit nor delete it.
 */
public final class WorkloadBoundary extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:WorkloadBoundary";

  /** Actions of AWS plumbing that name no data of another stack: logs, image pulls, exec. */
  static final List<String> PLUMBING_ACTIONS =
      List.of(
          // CloudWatch Logs: awslogs driver, VPC flow logs, RDS enhanced monitoring.
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:PutRetentionPolicy",
          "logs:DescribeLogGroups",
          "logs:DescribeLogStreams",
          "logs:GetLogEvents",
          // Image pulls by the execution role.
          "ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchGetImage",
          // A VPC Lambda's network interfaces (the rotation function).
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
          // The rotation function's new values; returns a random string, reads no data.
          "secretsmanager:GetRandomPassword",
          // ECS Exec sessions.
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
          // NAT instances: re-attaching their static interface, Session Manager (the managed
          // policy AmazonSSMManagedInstanceCore, limited to what the agent needs for sessions).
          "ec2:AttachNetworkInterface",
          "ssm:UpdateInstanceInformation",
          "ssm:ListInstanceAssociations",
          "ssm:DescribeInstanceProperties",
          "ec2messages:AcknowledgeMessage",
          "ec2messages:DeleteMessage",
          "ec2messages:FailMessage",
          "ec2messages:GetEndpoint",
          "ec2messages:GetMessages",
          "ec2messages:SendReply",
          // Metrics, IAM database and cache authentication.
          "cloudwatch:PutMetricData",
          "rds-db:connect",
          "elasticache:Connect");

  /** Reading secrets, and the rotation function's steps that write a new version. */
  static final List<String> SECRET_ACTIONS =
      List.of(
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage");

  /**
   * The data a workload role may ever reach: the stack's own secrets (named {@code
   * <project>-<stack>/...}, or managed by RDS for the stack's database), keys tagged with the
   * stack, parameters under {@code /<project>/<stack>/} and buckets named after the stack.
   */
  static List<PolicyStatement> dataStatements(StackContext context) {
    var prefix = context.namePrefix();
    var stack = context.stack();
    return List.of(
        PolicyStatement.allow("OwnSecrets")
            .actions(SECRET_ACTIONS)
            .resource(context.arn("secretsmanager", "secret:" + prefix + "/*"))
            .build(),
        // RDS names the master secret rds!db-<uuid> and tags it with its instance (RDS user
        // guide, "Password management with Amazon RDS and AWS Secrets Manager").
        PolicyStatement.allow("OwnDatabaseManagedSecret")
            .actions("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")
            .resource(context.arn("secretsmanager", "secret:rds!db-*"))
            .condition(
                "StringLike",
                "aws:ResourceTag/aws:rds:primaryDBInstanceArn",
                context.arn("rds", "db:" + prefix + "*"))
            .build(),
        PolicyStatement.allow("OwnKeys")
            .actions("kms:Decrypt", "kms:GenerateDataKey")
            .resource(context.arn("kms", "key/*"))
            .condition("StringEquals", "aws:ResourceTag/" + DeployPermissions.STACK_TAG, stack)
            .build(),
        PolicyStatement.allow("OwnParameters")
            .actions("ssm:GetParameters")
            .resource(context.arn("ssm", "parameter/" + context.project() + "/" + stack + "/*"))
            .build(),
        PolicyStatement.allow("OwnBucketObjects")
            .actions("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")
            .resource(context.s3Arn(prefix + "-*/*"))
            .resource(context.s3Arn(stack + "-*/*"))
            .build(),
        PolicyStatement.allow("OwnBuckets")
            .actions("s3:ListBucket", "s3:GetBucketLocation")
            .resource(context.s3Arn(prefix + "-*"))
            .resource(context.s3Arn(stack + "-*"))
            .build());
  }

  private final RoleConfinement confinement;

  public WorkloadBoundary(String name, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var statements = new ArrayList<PolicyStatement>();
    statements.add(
        PolicyStatement.allow("WorkloadPlumbing").actions(PLUMBING_ACTIONS).resource("*").build());
    statements.addAll(dataStatements(context));
    var policy =
        new Policy(
            name + "-policy",
            PolicyArgs.builder()
                .path(DeployAccessArgs.ciPathFor(context.project(), context.stack()))
                .description(
                    "Permissions boundary of every role the "
                        + context.stack()
                        + " stack creates: its own data and AWS plumbing only, no IAM")
                .policy(PolicyDocument.of(statements))
                .build(),
            child);
    this.confinement =
        new RoleConfinement(
            RoleConfinement.rolePathFor(context.project(), context.stack()), policy.arn());
    registerOutputs(Map.of("permissionsBoundaryArn", policy.arn()));
  }

  /** The path and boundary every role of the program must use. */
  public RoleConfinement confinement() {
    return confinement;
  }

  /** The boundary is administrator-managed; deploying declares it so previews can read it. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName()).creates(Policy.class).build();
  }
}
