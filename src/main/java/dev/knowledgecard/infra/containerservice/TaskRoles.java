package dev.knowledgecard.infra.containerservice;

import dev.knowledgecard.infra.iam.RoleGrants;

/**
 * The grants of one task's two roles, made by the owners of what the task reads before {@link
 * ContainerService} creates the roles: e.g. {@code appSecrets.grantRead(roles.execution())}, {@code
 * storage.grantReadWrite(roles.task())}.
 *
 * @param execution the execution role: what ECS does to start and run the task (pull the image,
 *     write its logs, read the injected secrets)
 * @param task the task role: what the app itself calls
 */
public record TaskRoles(RoleGrants execution, RoleGrants task) {

  /** Two roles nobody granted anything yet. */
  public static TaskRoles create() {
    return new TaskRoles(new RoleGrants(), new RoleGrants());
  }
}
