package dev.knowledgecard.infra.access;

/**
 * Inputs of {@link WorkloadBoundary}; the project, stack, region and account (the stack's secret,
 * parameter and bucket names start with {@code <project>-<stack>}) come from the stack context.
 *
 * @param rolePath the path of workload roles, {@link RoleConfinement#rolePathFor}
 * @param ciPath the path of the CI roles and the boundary itself, {@code /<project>-ci/<stack>/}
 */
public record WorkloadBoundaryArgs(String rolePath, String ciPath) {}
