package dev.knowledgecard.infra.guardrails;

import com.pulumi.aws.budgets.Budget;
import com.pulumi.aws.budgets.BudgetArgs;
import com.pulumi.aws.budgets.inputs.BudgetCostFilterArgs;
import com.pulumi.aws.budgets.inputs.BudgetNotificationArgs;
import com.pulumi.aws.s3.AccountPublicAccessBlock;
import com.pulumi.aws.s3.AccountPublicAccessBlockArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.BudgetSettings.BudgetScope;
import dev.knowledgecard.infra.config.StackContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cost and account guardrails: a monthly cost budget that warns at 80% and 100% of actual spend and
 * at a forecast of 100%, by email and on the alarm topic; and, when this stack owns the account's
 * resources, the account-wide S3 public access block (S3.1).
 */
public final class Guardrails extends ComponentResource {
  public static final String TYPE = "knowledge-card:guardrails:Guardrails";

  /** (threshold percent, ACTUAL or FORECASTED) of every notification. */
  static final List<Map.Entry<Double, String>> NOTIFICATIONS =
      List.of(
          Map.entry(80.0, "ACTUAL"), Map.entry(100.0, "ACTUAL"), Map.entry(100.0, "FORECASTED"));

  private final Output<String> budgetName;

  public Guardrails(
      String name, GuardrailsArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var settings = args.budget();
    var budget =
        BudgetArgs.builder()
            .name(context.namePrefix() + "-monthly")
            .budgetType("COST")
            .timeUnit("MONTHLY")
            .limitAmount(String.format(Locale.ROOT, "%.2f", settings.monthlyUsd()))
            .limitUnit("USD")
            .notifications(
                NOTIFICATIONS.stream()
                    .map(
                        n ->
                            BudgetNotificationArgs.builder()
                                .comparisonOperator("GREATER_THAN")
                                .threshold(n.getKey())
                                .thresholdType("PERCENTAGE")
                                .notificationType(n.getValue())
                                .subscriberEmailAddresses(settings.emails())
                                .subscriberSnsTopicArns(args.alarmTopicArn().applyValue(List::of))
                                .build())
                    .toList());
    if (settings.scope() == BudgetScope.STACK) {
      // Needs the Stack tag activated as a cost allocation tag (docs/runbook.md).
      budget.costFilters(
          BudgetCostFilterArgs.builder()
              .name("TagKeyValue")
              .values("user:Stack$" + context.stack())
              .build());
    }
    var created = new Budget(name + "-budget", budget.build(), child);

    if (args.ownsAccountResources()) {
      new AccountPublicAccessBlock(
          name + "-s3-public-access-block",
          AccountPublicAccessBlockArgs.builder()
              .blockPublicAcls(true)
              .blockPublicPolicy(true)
              .ignorePublicAcls(true)
              .restrictPublicBuckets(true)
              .build(),
          child);
    }
    this.budgetName = created.name();
    registerOutputs(Map.of("budgetName", budgetName));
  }

  public Output<String> budgetName() {
    return budgetName;
  }

  /** What deploying the guardrails needs (the account block stays administrator-managed). */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(Budget.class, AccountPublicAccessBlock.class)
        .build();
  }
}
