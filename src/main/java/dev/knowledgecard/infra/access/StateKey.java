package dev.knowledgecard.infra.access;

import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.Optional;

/**
 * The KMS key of the Pulumi backend (state bucket encryption and the {@code awskms://} secrets
 * provider): the exact key ARN when configured, else any key of the account carrying the alias the
 * runbook creates.
 *
 * @param keyArn the configured key ARN
 * @param alias the alias to match when no ARN is configured, e.g. {@code
 *     alias/knowledge-card-pulumi-state}
 * @param context the stack's account and partition
 */
record StateKey(Optional<String> keyArn, String alias, StackContext context) {

  /** Limits a statement to the state key. */
  PolicyStatement.Builder scope(PolicyStatement.Builder statement) {
    if (keyArn.isPresent()) {
      return statement.resource(keyArn.get());
    }
    return statement
        .resource("arn:" + context.partition() + ":kms:*:" + context.accountId() + ":key/*")
        .condition("ForAnyValue:StringEquals", "kms:ResourceAliases", alias);
  }
}
