package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;

/**
 * Inputs of {@link WorkloadBoundary}.
 *
 * @param project the project name (the stack's secret, parameter and bucket names start with {@code
 *     <project>-<stack>})
 * @param stack the stack name
 * @param region the stack's region
 * @param accountId the account id
 * @param rolePath the path of workload roles, {@link RoleConfinement#rolePathFor}
 * @param ciPath the path of the CI roles and the boundary itself, {@code /<project>-ci/<stack>/}
 */
public record WorkloadBoundaryArgs(
    String project,
    String stack,
    String region,
    Output<String> accountId,
    String rolePath,
    String ciPath) {}
