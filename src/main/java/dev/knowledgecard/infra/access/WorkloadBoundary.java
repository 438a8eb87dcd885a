package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.List;
import java.util.Map;

/**
 * The permissions boundary of every role the program creates (task, execution, flow-log, monitoring
 * and secret rotation roles): the most any of them may ever do, whatever policy is attached. It
 * allows the data-plane actions a containerised web app and its AWS plumbing use, and no IAM,
 * account or infrastructure administration at all. Created first, before any component that makes a
 * role.
 *
 * <p>The boundary lives on the CI path ({@code /<project>-ci/<stack>/}), outside the path the
 * deploy role may manage, so CI can neither edit nor delete it.
 */
public final class WorkloadBoundary extends ComponentResource {
  public static final String TYPE = "knowledge-card:access:WorkloadBoundary";

  /** What workload roles may do at most, service by service. */
  static final List<String> WORKLOAD_ACTIONS =
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
          // Secrets injected into containers and read by the app; the rotation function's steps.
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage",
          "secretsmanager:GetRandomPassword",
          // A VPC Lambda's network interfaces (the rotation function).
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
          "ssm:GetParameters",
          "kms:Decrypt",
          "kms:GenerateDataKey",
          // Media bucket.
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListBucket",
          "s3:GetBucketLocation",
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

  private final RoleConfinement confinement;

  public WorkloadBoundary(
      String name, WorkloadBoundaryArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var policy =
        new Policy(
            name + "-policy",
            PolicyArgs.builder()
                .path(args.ciPath())
                .description(
                    "Permissions boundary of every role the "
                        + args.stack()
                        + " stack creates: data-plane actions only, no IAM")
                .policy(
                    PolicyDocument.of(
                        PolicyStatement.allow("WorkloadDataPlane")
                            .actions(WORKLOAD_ACTIONS)
                            .resource("*")
                            .build()))
                .build(),
            child);
    this.confinement = new RoleConfinement(args.rolePath(), policy.arn());
    registerOutputs(Map.of("permissionsBoundaryArn", policy.arn()));
  }

  /** The path and boundary every role of the program must use. */
  public RoleConfinement confinement() {
    return confinement;
  }

  public Output<String> permissionsBoundaryArn() {
    return confinement.permissionsBoundaryArn();
  }
}
