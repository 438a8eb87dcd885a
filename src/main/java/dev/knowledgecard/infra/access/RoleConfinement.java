package dev.knowledgecard.infra.access;

import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;

/**
 * Where the roles this program creates must live and which permissions boundary they must carry.
 * The CI deploy role may create and change roles only on this path and only with this boundary, so
 * a pipeline can never mint itself an administrator. Every component that creates an IAM role
 * applies it:
 *
 * <pre>{@code
 * new Role(name + "-task-role", confinement.confine(RoleArgs.builder()).assumeRolePolicy(...).build(), child);
 * }</pre>
 *
 * @param rolePath the IAM path of workload roles, {@code /<project>/<stack>/}
 * @param permissionsBoundaryArn the ARN of the boundary policy ({@link WorkloadBoundary})
 */
public record RoleConfinement(String rolePath, Output<String> permissionsBoundaryArn) {

  /** The path of the program's workload roles: {@code /<project>/<stack>/}. */
  public static String rolePathFor(String project, String stack) {
    return "/" + project + "/" + stack + "/";
  }

  /** Sets the path and the permissions boundary on a role being built. */
  public RoleArgs.Builder confine(RoleArgs.Builder role) {
    return role.path(rolePath).permissionsBoundary(permissionsBoundaryArn);
  }
}
