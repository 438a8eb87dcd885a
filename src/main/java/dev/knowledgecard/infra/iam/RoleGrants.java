package dev.knowledgecard.infra.iam;

import com.pulumi.core.Output;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grants of a role that does not exist yet, in the order they were made: a component that
 * creates the role later attaches each as its own inline policy (and can describe the role by
 * them).
 */
public final class RoleGrants implements Grantee {
  private final Map<String, List<PolicyStatement>> grants = new LinkedHashMap<>();
  private boolean attached;

  @Override
  public void grant(String label, List<PolicyStatement> statements) {
    if (attached) {
      throw new IllegalStateException("grant " + label + " came after the role was created");
    }
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("grant " + label + " has no statement");
    }
    if (grants.putIfAbsent(label, List.copyOf(statements)) != null) {
      throw new IllegalArgumentException("grant " + label + " was made twice");
    }
  }

  /**
   * Label to policy document, in grant order; called by the component creating the role, after
   * which no grant is accepted (it would never be attached).
   */
  public Map<String, Output<String>> policies() {
    attached = true;
    var policies = new LinkedHashMap<String, Output<String>>();
    grants.forEach((label, statements) -> policies.put(label, PolicyDocument.of(statements)));
    return Collections.unmodifiableMap(policies);
  }

  /** Whether nothing was granted yet. */
  public boolean isEmpty() {
    return grants.isEmpty();
  }
}
