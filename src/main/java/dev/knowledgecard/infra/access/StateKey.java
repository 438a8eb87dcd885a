package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
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
 * @param accountId the account id
 */
record StateKey(Optional<String> keyArn, String alias, Output<String> accountId) {

  /** Limits a statement to the state key. */
  PolicyStatement.Builder scope(PolicyStatement.Builder statement) {
    if (keyArn.isPresent()) {
      return statement.resource(keyArn.get());
    }
    return statement
        .resource(accountId.applyValue(id -> "arn:aws:kms:*:" + id + ":key/*"))
        .condition("ForAnyValue:StringEquals", "kms:ResourceAliases", alias);
  }
}
