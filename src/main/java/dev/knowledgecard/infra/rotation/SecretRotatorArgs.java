package dev.knowledgecard.infra.rotation;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import java.nio.file.Path;
import java.util.List;

/**
 * Inputs of {@link SecretRotator}.
 *
 * @param namePrefix stack-derived prefix of the function and log group names
 * @param region the stack's region, for the log group ARN
 * @param accountId this account: the invoke permission's {@code SourceAccount}
 * @param code the {@code rotation/} directory (after {@code npm ci --omit=dev}), zipped as is
 * @param subnetIds private app subnets, one per AZ (Lambda.3, Lambda.5)
 * @param securityGroupId the rotation group: PostgreSQL and HTTPS out, nothing in
 * @param rotationDays days between rotations
 * @param logRetentionDays retention of the function's log group
 * @param sessionSecretArn the session-signing secret it rotates
 * @param appRoleSecretArn the app database role's secret it rotates
 * @param masterSecretArn the RDS-managed master secret it reads to set the app role's password
 * @param database where the app role lives
 * @param confinement the IAM path and permissions boundary of the function's role
 */
public record SecretRotatorArgs(
    String namePrefix,
    String region,
    Output<String> accountId,
    Path code,
    Output<List<String>> subnetIds,
    Output<String> securityGroupId,
    int rotationDays,
    int logRetentionDays,
    Output<String> sessionSecretArn,
    Output<String> appRoleSecretArn,
    Output<String> masterSecretArn,
    Database database,
    RoleConfinement confinement) {

  /**
   * The database the app role lives in.
   *
   * @param host the instance address
   * @param port its port
   * @param name the application database
   * @param appRole the role whose password the function sets
   */
  public record Database(Output<String> host, Output<Integer> port, String name, String appRole) {}
}
