package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.Map;

/**
 * The monthly cost budget.
 *
 * @param monthlyUsd the budget in US dollars; default 150 (staging), 600 (prod); positive
 * @param emails who gets the budget notifications (besides the alarm topic); default the alarm
 *     emails; at most 10 (an AWS Budgets limit per notification)
 * @param scope {@code account} (the whole account's cost: the default when the stack owns the
 *     account resources) or {@code stack} (only costs tagged {@code Stack=<stack>}: the default in
 *     a shared account; needs the {@code Stack} cost allocation tag activated, see the runbook)
 */
public record BudgetSettings(double monthlyUsd, List<String> emails, BudgetScope scope) {

  /** What a budget counts. */
  public enum BudgetScope {
    ACCOUNT,
    STACK
  }

  static final int MAX_EMAILS = 10;

  public BudgetSettings {
    emails = List.copyOf(emails);
  }

  static BudgetSettings read(
      ConfigReader reader, Environment env, AlarmSettings alarms, AccessSettings access) {
    var amount = reader.decimal("monthlyBudgetUsd", env.pick(150.0, 600.0), 0, 1_000_000);
    var emails = reader.stringList("budgetEmails", alarms.emails());
    EmailAddresses.check(reader, "budgetEmails", emails, MAX_EMAILS);
    var scope =
        reader.choice(
            "budgetScope",
            access.ownsAccountResources() ? BudgetScope.ACCOUNT : BudgetScope.STACK,
            Map.of("account", BudgetScope.ACCOUNT, "stack", BudgetScope.STACK));
    return new BudgetSettings(amount, emails, scope);
  }
}
