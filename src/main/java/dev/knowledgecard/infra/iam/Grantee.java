package dev.knowledgecard.infra.iam;

import java.util.List;

/**
 * A role the owner of a resource grants access to (CDK's {@code IGrantable}): the owner knows its
 * actions and ARNs and calls {@code grantee.grant(...)}; the caller only states intent, e.g. {@code
 * storage.grantReadWrite(taskRole)}.
 */
public interface Grantee {

  /** Adds one inline policy of these statements, named after {@code label} (unique per grantee). */
  void grant(String label, List<PolicyStatement> statements);
}
