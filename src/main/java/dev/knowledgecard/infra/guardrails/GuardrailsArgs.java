package dev.knowledgecard.infra.guardrails;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.BudgetSettings;

/**
 * Inputs of {@link Guardrails}; the budget is named {@code <project>-<stack>-monthly} (unique in
 * the account) and a stack-scoped budget filters on the context's stack.
 *
 * @param budget amount, recipients and scope of the monthly budget
 * @param alarmTopicArn the alarm topic, also notified
 * @param ownsAccountResources whether this stack manages the account's S3 public access block
 */
public record GuardrailsArgs(
    BudgetSettings budget, Output<String> alarmTopicArn, boolean ownsAccountResources) {}
