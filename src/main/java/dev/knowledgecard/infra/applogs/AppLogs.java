package dev.knowledgecard.infra.applogs;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.Grantee;
import dev.knowledgecard.infra.iam.KeyPolicies;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.List;
import java.util.Map;

/**
 * The application's CloudWatch log group, with retention (never "forever") and an optional
 * customer-managed KMS key. Split out of observability because the task definition writes to it and
 * the alarms watch it: both depend on this, neither on the other. The tasks' execution roles write
 * to it with {@link #grantWrite}.
 */
public final class AppLogs extends ComponentResource {
  public static final String TYPE = "knowledge-card:applogs:AppLogs";

  /**
   * What the {@code awslogs} driver does: create its stream, put events; the group exists, so no
   * {@code logs:CreateLogGroup} ({@code awslogs-create-group} is never set). For a Fargate task's
   * execution role AWS names exactly these two: AmazonECSTaskExecutionRolePolicy "includes the
   * necessary logs:CreateLogStream and logs:PutLogEvents permissions" (AWS re:Post Knowledge
   * Center, https://repost.aws/knowledge-center/ecs-container-logs-cloudwatch; the policy is shown
   * in the Amazon ECS Developer Guide, "Amazon ECS task execution IAM role").
   */
  static final List<String> WRITE_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

  private final Output<String> logGroupName;
  private final Output<String> logGroupArn;

  public AppLogs(
      String name, AppLogsArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var groupName = logGroupName(context);
    var logGroup =
        LogGroupArgs.builder()
            .name(groupName)
            .retentionInDays(args.settings().appLogRetentionDays());
    if (args.settings().appLogKmsEncryption()) {
      var key =
          new Key(
              name + "-key",
              KeyArgs.builder()
                  .description("Encrypts the application log group " + groupName)
                  .enableKeyRotation(true)
                  .deletionWindowInDays(30)
                  .policy(keyPolicy(context, groupName))
                  .build(),
              child);
      logGroup.kmsKeyId(key.arn());
    }
    var group = new LogGroup(name + "-group", logGroup.build(), child);
    this.logGroupName = group.name();
    this.logGroupArn = group.arn();
    registerOutputs(Map.of("logGroupName", logGroupName, "logGroupArn", logGroupArn));
  }

  public Output<String> logGroupName() {
    return logGroupName;
  }

  /**
   * Grants writing log events to this group's streams, nothing else (inline policy {@code
   * app-logs}): the execution roles of the tasks whose {@code awslogs} driver writes here.
   */
  public void grantWrite(Grantee grantee) {
    var streams = logGroupArn.applyValue(arn -> arn + ":log-stream:*");
    grantee.grant("app-logs", "WriteAppLogs", WRITE_ACTIONS, List.of(streams));
  }

  /** {@code /<project>/<stack>/app}. */
  static String logGroupName(StackContext context) {
    return "/" + context.project() + "/" + context.stack() + "/app";
  }

  private static Output<String> keyPolicy(StackContext context, String groupName) {
    var logGroupArn = context.arn("logs", "log-group:" + groupName);
    return PolicyDocument.of(
        KeyPolicies.accountAdministers(context),
        PolicyStatement.allow("CloudWatchLogsUsesKeyForThisGroup")
            .servicePrincipal("logs." + context.region() + ".amazonaws.com")
            .actions(
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*")
            .resource("*")
            .condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", logGroupArn)
            .build());
  }

  /** What deploying the app's logs needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName()).creates(LogGroup.class, Key.class).build();
  }
}
