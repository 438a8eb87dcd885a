package dev.knowledgecard.infra.iam;

import dev.knowledgecard.infra.config.StackContext;

/** Statements every customer-managed KMS key policy of this program starts with. */
public final class KeyPolicies {

  private KeyPolicies() {}

  /**
   * The account keeps full control of its key, as in AWS's default key policy; IAM policies then
   * decide which of its principals may use it. Without this a key can become unmanageable.
   */
  public static PolicyStatement accountAdministers(StackContext context) {
    return PolicyStatement.allow("AccountAdministersKey")
        .principal("AWS", context.accountRoot())
        .actions("kms:*")
        .resource("*")
        .build();
  }
}
