package dev.knowledgecard.infra.observability;

import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.KeyPolicies;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one SNS topic every alarm, ECS/RDS event and budget notification goes to, encrypted with a
 * customer-managed KMS key (SNS.1: the AWS-managed SNS key cannot be used by CloudWatch), with the
 * configured email subscribers and an optional https webhook.
 *
 * <pre>{@code
 * var topic = new AlarmTopic("staging-alarms",
 *     new AlarmTopicArgs(List.of("ops@example.com"), Optional.empty()), context, options);
 * topic.topicArn(); // alarm and OK actions, EventBridge targets, budget subscribers
 * }</pre>
 */
public final class AlarmTopic extends ComponentResource {
  public static final String TYPE = "knowledge-card:observability:AlarmTopic";

  /** The AWS services that publish to the topic, each needing the key to encrypt its message. */
  static final List<String> PUBLISHERS =
      List.of("cloudwatch.amazonaws.com", "events.amazonaws.com", "budgets.amazonaws.com");

  private static final List<String> OWNER_ACTIONS =
      List.of(
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish");

  private final Output<String> topicArn;

  public AlarmTopic(
      String name, AlarmTopicArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();

    var key =
        new Key(
            name + "-key",
            KeyArgs.builder()
                .description("Encrypts the alarm topic " + name)
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(keyPolicy(context))
                .build(),
            child);
    var topic =
        new Topic(
            name + "-topic",
            TopicArgs.builder()
                .displayName("Knowledge Card alarms")
                .kmsMasterKeyId(key.arn())
                .build(),
            child);
    new TopicPolicy(
        name + "-policy",
        TopicPolicyArgs.builder()
            .arn(topic.arn())
            .policy(topicPolicy(topic.arn(), context))
            .build(),
        child);

    for (var email : args.emails()) {
      new TopicSubscription(
          name + "-email-" + email.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
          TopicSubscriptionArgs.builder()
              .topic(topic.arn())
              .protocol("email")
              .endpoint(email)
              .build(),
          child);
    }
    args.webhookUrl()
        .ifPresent(
            url ->
                new TopicSubscription(
                    name + "-webhook",
                    TopicSubscriptionArgs.builder()
                        .topic(topic.arn())
                        .protocol("https")
                        .endpoint(url)
                        .endpointAutoConfirms(true)
                        .build(),
                    child));

    this.topicArn = topic.arn();
    registerOutputs(Map.of("topicArn", topicArn, "kmsKeyArn", key.arn()));
  }

  /** The topic for alarm and OK actions, EventBridge targets and budget notifications. */
  public Output<String> topicArn() {
    return topicArn;
  }

  private static Output<String> keyPolicy(StackContext context) {
    return PolicyDocument.of(
        KeyPolicies.accountAdministers(context),
        // A publishing service encrypts its message with the topic's key, so it needs these.
        PolicyStatement.allow("AlarmPublishersEncryptMessages")
            .principal("Service", PUBLISHERS.get(0))
            .principal("Service", PUBLISHERS.get(1))
            .principal("Service", PUBLISHERS.get(2))
            .actions("kms:Decrypt", "kms:GenerateDataKey*")
            .resource("*")
            .build());
  }

  private static Output<String> topicPolicy(Output<String> topicArn, StackContext context) {
    var account = context.accountId();
    return PolicyDocument.of(
        PolicyStatement.allow("AccountManagesTopic")
            .principal("AWS", context.accountRoot())
            .actions(OWNER_ACTIONS)
            .resource(topicArn)
            .build(),
        PolicyStatement.allow("CloudWatchAlarmsPublish")
            .servicePrincipal("cloudwatch.amazonaws.com")
            .actions("sns:Publish")
            .resource(topicArn)
            .condition("StringEquals", "aws:SourceAccount", account)
            .condition("ArnLike", "aws:SourceArn", context.arn("cloudwatch", "alarm:*"))
            .build(),
        PolicyStatement.allow("EventBridgeRulesPublish")
            .servicePrincipal("events.amazonaws.com")
            .actions("sns:Publish")
            .resource(topicArn)
            .condition("StringEquals", "aws:SourceAccount", account)
            .build(),
        PolicyStatement.allow("BudgetsPublish")
            .servicePrincipal("budgets.amazonaws.com")
            .actions("sns:Publish")
            .resource(topicArn)
            .condition("StringEquals", "aws:SourceAccount", account)
            .build());
  }

  /** What deploying the alarm topic needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(Key.class, Topic.class, TopicPolicy.class, TopicSubscription.class)
        .build();
  }
}
