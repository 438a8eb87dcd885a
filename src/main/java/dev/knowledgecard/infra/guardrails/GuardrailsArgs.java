package dev.knowledgecard.infra.guardrails;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.BudgetSettings;

/**
 * Inputs of {@link Guardrails}.
 *
 * @param budget amount, recipients and scope of the monthly budget
 * @param budgetName the budget's name, unique in the account, e.g. {@code
 *     knowledge-card-staging-monthly}
 * @param stack the stack name (the {@code Stack} cost allocation tag of a stack-scoped budget)
 * @param alarmTopicArn the alarm topic, also notified
 * @param ownsAccountResources whether this stack manages the account's S3 public access block
 */
public record GuardrailsArgs(
    BudgetSettings budget,
    String budgetName,
    String stack,
    Output<String> alarmTopicArn,
    boolean ownsAccountResources) {}
