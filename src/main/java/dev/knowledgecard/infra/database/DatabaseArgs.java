package dev.knowledgecard.infra.database;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.DatabaseSettings;
import java.util.List;

/**
 * Inputs of {@link Database}.
 *
 * @param settings engine, size, availability, backups and protection
 * @param port the port PostgreSQL listens on (not 5432: RDS.23)
 * @param dataSubnetIds the isolated data subnets (no internet route: RDS.46), one per AZ
 * @param securityGroupId the database group, which admits only the app group on {@code port}
 * @param namePrefix stack-derived prefix of physical names, e.g. {@code knowledge-card-staging}
 * @param confinement the IAM path and permissions boundary of the monitoring role
 * @param secretRecoveryWindowDays days the app role's secret can be restored after deletion
 */
public record DatabaseArgs(
    DatabaseSettings settings,
    int port,
    Output<List<String>> dataSubnetIds,
    Output<String> securityGroupId,
    String namePrefix,
    RoleConfinement confinement,
    int secretRecoveryWindowDays) {}
