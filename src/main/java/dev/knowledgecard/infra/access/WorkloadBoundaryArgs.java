package dev.knowledgecard.infra.access;

/**
 * Inputs of {@link WorkloadBoundary}.
 *
 * @param stack the stack name, for the description
 * @param rolePath the path of workload roles, {@link RoleConfinement#rolePathFor}
 * @param ciPath the path of the CI roles and the boundary itself, {@code /<project>-ci/<stack>/}
 */
public record WorkloadBoundaryArgs(String stack, String rolePath, String ciPath) {}
