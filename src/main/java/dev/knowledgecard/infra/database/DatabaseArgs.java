package dev.knowledgecard.infra.database;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.DatabaseSettings;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;

/**
 * Inputs of {@link Database}; physical names derive from the stack context.
 *
 * @param settings engine, size, availability, backups and protection
 * @param dataSubnetIds the isolated data subnets (no internet route: RDS.46), one per AZ
 * @param connections the database's security group; PostgreSQL listens on its default port (not
 *     5432: RDS.23) and admits whom {@link Database#allowFrom} names
 * @param confinement the IAM path and permissions boundary of the monitoring role
 * @param secretRecoveryWindowDays days the app role's secret can be restored after deletion
 */
public record DatabaseArgs(
    DatabaseSettings settings,
    Output<List<String>> dataSubnetIds,
    Connections connections,
    RoleConfinement confinement,
    int secretRecoveryWindowDays) {}
