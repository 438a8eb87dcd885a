package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.AccessSettings;
import java.util.List;

/**
 * Inputs of {@link DeployAccess}.
 *
 * @param settings repository, environment, state backend and ownership from config
 * @param project the project name (paths, default state bucket and key alias)
 * @param stack the stack name
 * @param region the stack's region (every regional permission is limited to it)
 * @param accountId the account id
 * @param confinement the workload role path and boundary ({@link WorkloadBoundary})
 * @param ciPath the IAM path of the CI roles, {@link #ciPathFor}
 * @param needs what deploying each component needs, declared by the components
 */
public record DeployAccessArgs(
    AccessSettings settings,
    String project,
    String stack,
    String region,
    Output<String> accountId,
    RoleConfinement confinement,
    String ciPath,
    List<DeployNeeds> needs) {

  public DeployAccessArgs {
    needs = List.copyOf(needs);
  }

  /** The IAM path of CI roles and the boundary, outside the workload path: {@code /<p>-ci/<s>/}. */
  public static String ciPathFor(String project, String stack) {
    return "/" + project + "-ci/" + stack + "/";
  }
}
