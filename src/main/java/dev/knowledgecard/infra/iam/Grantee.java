package dev.knowledgecard.infra.iam;

import com.pulumi.core.Output;
import java.util.List;

/**
 * A role the owner of a resource grants access to (CDK's {@code IGrantable}): the owner knows its
 * actions and ARNs and calls {@code grantee.grant(...)}; the caller only states intent, e.g. {@code
 * storage.grantReadWrite(taskRole)}.
 */
public interface Grantee {

  /** Adds one inline policy of these statements, named after {@code label} (unique per grantee). */
  void grant(String label, List<PolicyStatement> statements);

  /**
   * The usual grant: one inline policy {@code label} holding one statement {@code sid} that allows
   * {@code actions} on {@code resources}, each owner's action list a named constant.
   */
  default void grant(
      String label, String sid, List<String> actions, List<Output<String>> resources) {
    grant(label, List.of(PolicyStatement.allow(sid).actions(actions).resources(resources).build()));
  }
}
