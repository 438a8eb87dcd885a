package dev.knowledgecard.infra.iam;

import com.pulumi.core.Output;

/** Statements every customer-managed KMS key policy of this program starts with. */
public final class KeyPolicies {

  private KeyPolicies() {}

  /**
   * The account keeps full control of its key, as in AWS's default key policy; IAM policies then
   * decide which of its principals may use it. Without this a key can become unmanageable.
   */
  public static PolicyStatement accountAdministers(Output<String> accountId) {
    return PolicyStatement.allow("AccountAdministersKey")
        .principal("AWS", accountId.applyValue(id -> "arn:aws:iam::" + id + ":root"))
        .actions("kms:*")
        .resource("*")
        .build();
  }
}
