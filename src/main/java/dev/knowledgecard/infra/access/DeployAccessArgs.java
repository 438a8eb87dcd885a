package dev.knowledgecard.infra.access;

import dev.knowledgecard.infra.config.AccessSettings;
import java.util.List;

/**
 * Inputs of {@link DeployAccess}; project, stack, region (every regional permission is limited to
 * it) and account come from the stack context, and so does the CI roles' path ({@link #ciPathFor}).
 *
 * @param settings repository, environment, state backend and ownership from config
 * @param confinement the workload role path and boundary ({@link WorkloadBoundary})
 * @param needs what deploying each component needs, declared by the components
 */
public record DeployAccessArgs(
    AccessSettings settings, RoleConfinement confinement, List<DeployNeeds> needs) {

  public DeployAccessArgs {
    needs = List.copyOf(needs);
  }

  /** The IAM path of CI roles and the boundary, outside the workload path: {@code /<p>-ci/<s>/}. */
  public static String ciPathFor(String project, String stack) {
    return "/" + project + "-ci/" + stack + "/";
  }
}
