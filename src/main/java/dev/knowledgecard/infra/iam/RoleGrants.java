package dev.knowledgecard.infra.iam;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The grants of a role that does not exist yet, in the order they were made: the component that
 * creates the role later attaches each as its own inline policy ({@link #attachTo}) and can
 * describe the role by them.
 */
public final class RoleGrants implements Grantee {
  /**
   * Labels name resources: lower-case words joined by hyphens (never a statement's Sid); {@link
   * GrantableSecret} checks its labels against it too.
   */
  static final Pattern LABEL = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<String, List<PolicyStatement>> grants = new LinkedHashMap<>();
  private boolean attached;

  @Override
  public void grant(String label, List<PolicyStatement> statements) {
    if (attached) {
      throw new IllegalStateException("grant " + label + " came after the role was created");
    }
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("grant label " + label + " is not lower-kebab-case");
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

  /**
   * Every granted statement, in grant order, for a role that keeps its grants in one inline policy
   * (a CI role with a single fixed policy); no grant is accepted afterwards.
   */
  public List<PolicyStatement> statements() {
    attached = true;
    return grants.values().stream().flatMap(List::stream).toList();
  }

  /** The grants' labels, in grant order. */
  public List<String> labels() {
    return List.copyOf(grants.keySet());
  }

  /**
   * Attaches every grant to {@code role} as its own inline policy {@code <prefix>-<label>-policy},
   * in grant order; no grant is accepted afterwards. Whatever must wait for the role's rights
   * depends on the returned policies.
   */
  public List<RolePolicy> attachTo(Role role, String prefix, CustomResourceOptions options) {
    var attachedPolicies = new ArrayList<RolePolicy>();
    policies()
        .forEach(
            (label, policy) ->
                attachedPolicies.add(
                    new RolePolicy(
                        prefix + "-" + label + "-policy",
                        RolePolicyArgs.builder().role(role.id()).policy(policy).build(),
                        options)));
    return List.copyOf(attachedPolicies);
  }

  /** Whether nothing was granted yet. */
  public boolean isEmpty() {
    return grants.isEmpty();
  }
}
