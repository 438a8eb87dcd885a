package dev.knowledgecard.infra.database;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL on RDS for the app and its pgvector embeddings: gp3 storage with autoscaling,
 * encrypted, in the isolated data subnets behind the database security group, never public. The
 * master password is generated, stored and rotated by RDS in Secrets Manager ({@code
 * manageMasterUserPassword}), so it never passes through code, config or state. A custom parameter
 * group forces TLS and preloads {@code pg_stat_statements}; pgvector needs no preloading and is
 * enabled by the first migration ({@code CREATE EXTENSION IF NOT EXISTS vector}).
 *
 * <p>The app does not connect as master: it uses its own role ({@value #APP_ROLE}), created and
 * granted by the migrations, whose credentials live in a secret this component creates without a
 * value. The rotation Lambda writes its first value and every later one ({@code rotation} package);
 * the master secret is for the migration task and the rotation Lambda only.
 *
 * <pre>{@code
 * var db = new Database("prod-database",
 *     new DatabaseArgs(config.database(), network.dataSubnetIds(), groups.database(),
 *         boundary.confinement(), 7), context, options);
 * db.allowFrom(groups.app(), "PostgreSQL");
 * db.appRoleSecret().grantRead(taskRole);
 * }</pre>
 */
public final class Database extends ComponentResource {
  public static final String TYPE = "knowledge-card:database:Database";

  /** Log types exported to CloudWatch Logs (RDS.9). */
  public static final List<String> LOG_EXPORTS = List.of("postgresql", "upgrade");

  /** The app's own least-privilege login role; the migrations create and grant it. */
  public static final String APP_ROLE = "knowledge_card_app";

  static final String ENGINE = "postgres";
  static final String CA_CERTIFICATE = "rds-ca-rsa2048-g1";
  static final int PERFORMANCE_INSIGHTS_FREE_DAYS = 7;
  private static final String MONITORING_POLICY = "service-role/AmazonRDSEnhancedMonitoringRole";
  private static final int MAX_IDENTIFIER = 63;

  private final DatabaseEndpoint endpoint;
  private final GrantableSecret masterSecret;
  private final Output<String> instanceIdentifier;
  private final Output<String> instanceArn;
  private final GrantableSecret appRoleSecret;
  private final Connections connections;

  public Database(
      String name, DatabaseArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var settings = args.settings();
    var child = CustomResourceOptions.builder().parent(this).build();
    // A stack-derived identifier, so the log groups RDS writes to can exist (with retention)
    // before the instance does; RDS would otherwise create them with no expiry.
    var identifier = identifier(context);

    var subnetGroup =
        new SubnetGroup(
            name + "-subnets",
            SubnetGroupArgs.builder()
                .description("Isolated data subnets of " + context.namePrefix())
                .subnetIds(args.dataSubnetIds())
                .build(),
            child);

    var parameters =
        new ParameterGroup(
            name + "-params",
            ParameterGroupArgs.builder()
                .family(settings.parameterGroupFamily())
                .description("Knowledge Card " + settings.parameterGroupFamily() + ": TLS only")
                .parameters(parameters())
                .build(),
            child);

    var logGroups = new ArrayList<Resource>();
    for (var log : LOG_EXPORTS) {
      logGroups.add(
          new LogGroup(
              name + "-log-" + log,
              LogGroupArgs.builder()
                  .name("/aws/rds/instance/" + identifier + "/" + log)
                  .retentionInDays(settings.logRetentionDays())
                  .build(),
              child));
    }

    var instance =
        InstanceArgs.builder()
            .identifier(identifier)
            .engine(ENGINE)
            // A major version only: RDS picks the newest minor and upgrades it (RDS.13) without
            // the program reverting it.
            .engineVersion(settings.engineMajorVersion())
            .allowMajorVersionUpgrade(false)
            .autoMinorVersionUpgrade(true)
            .instanceClass(settings.instanceClass())
            .storageType("gp3")
            .allocatedStorage(settings.allocatedStorageGb())
            .maxAllocatedStorage(settings.maxAllocatedStorageGb())
            .storageEncrypted(true)
            .dbName(settings.databaseName())
            .username(settings.adminUsername())
            .manageMasterUserPassword(true)
            .iamDatabaseAuthenticationEnabled(true)
            .port(args.connections().defaultPort())
            .dbSubnetGroupName(subnetGroup.name())
            .vpcSecurityGroupIds(args.connections().id().applyValue(List::of))
            .publiclyAccessible(false)
            .caCertIdentifier(CA_CERTIFICATE)
            .parameterGroupName(parameters.name())
            .multiAz(settings.multiAz())
            .backupRetentionPeriod(settings.backupRetentionDays())
            .backupWindow("03:00-03:30")
            .maintenanceWindow("sun:04:00-sun:04:30")
            .copyTagsToSnapshot(true)
            .deletionProtection(settings.deletionProtection())
            .skipFinalSnapshot(!settings.finalSnapshot())
            .deleteAutomatedBackups(!settings.finalSnapshot())
            .performanceInsightsEnabled(true)
            .performanceInsightsRetentionPeriod(PERFORMANCE_INSIGHTS_FREE_DAYS)
            .enabledCloudwatchLogsExports(LOG_EXPORTS);
    if (settings.finalSnapshot()) {
      instance.finalSnapshotIdentifier(identifier + "-final");
    }
    if (settings.monitoringIntervalSeconds() > 0) {
      instance
          .monitoringInterval(settings.monitoringIntervalSeconds())
          .monitoringRoleArn(monitoringRole(name, args.confinement(), context, child));
    }
    var db =
        new Instance(
            name + "-instance",
            instance.build(),
            CustomResourceOptions.builder()
                .parent(this)
                .protect(settings.deletionProtection())
                .dependsOn(logGroups)
                // The identifier is fixed, so a replacement must free it first.
                .deleteBeforeReplace(true)
                .build());

    this.connections = args.connections();
    this.endpoint = new DatabaseEndpoint(db.address(), db.port(), settings.databaseName());
    var masterUserSecretArn =
        db.masterUserSecrets().applyValue(list -> list.get(0).secretArn().orElseThrow());
    this.masterSecret = new GrantableSecret("master-secret", "MasterSecret", masterUserSecretArn);
    this.instanceIdentifier = db.identifier();
    this.instanceArn = db.arn();
    // No version: the program never knows this password. The rotation Lambda's first run
    // (rotate immediately on creation) writes it; until then nothing can log in as the role.
    var appRoleSecretArn =
        new Secret(
                name + "-app-role-secret",
                SecretArgs.builder()
                    .namePrefix(context.namePrefix() + "/db-app-role-")
                    .description(
                        "PostgreSQL credentials of the app role "
                            + APP_ROLE
                            + " of "
                            + context.namePrefix()
                            + "; written only by the rotation Lambda")
                    .recoveryWindowInDays(args.secretRecoveryWindowDays())
                    .build(),
                child)
            .arn();
    this.appRoleSecret =
        new GrantableSecret("db-app-role-secret", "AppRoleSecret", appRoleSecretArn);
    registerOutputs(
        Map.of(
            "address", endpoint.address(),
            "port", endpoint.port(),
            "databaseName", Output.of(endpoint.name()),
            "masterUserSecretArn", masterUserSecretArn,
            "instanceIdentifier", instanceIdentifier,
            "instanceArn", instanceArn,
            "appRoleSecretArn", appRoleSecretArn));
  }

  /** Where clients connect: the instance's address and port, the application database. */
  public DatabaseEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The RDS-managed secret holding the master credentials, JSON with keys {@code username} and
   * {@code password}; RDS rotates it. Only the migration task's roles (which get {@code DB_USER}
   * and {@code DB_PASSWORD} from its keys, {@code jsonKey}) and the rotation function may read it
   * ({@code grantRead}, inline policy {@code master-secret}).
   */
  public GrantableSecret masterSecret() {
    return masterSecret;
  }

  /**
   * The app role's secret, JSON {@code engine, host, port, dbname, username, password, masterarn}:
   * the service's {@code DB_SECRET_ARN}, {@code DB_USER} and {@code DB_PASSWORD}. The service's
   * task role reads it again when a rotated password is rejected ({@code grantRead}), the rotation
   * function writes it ({@code grantRotation}); both as inline policy {@code db-app-role-secret}.
   */
  public GrantableSecret appRoleSecret() {
    return appRoleSecret;
  }

  /** Lets {@code peer} reach PostgreSQL; {@code why} describes the peer's egress rule. */
  public void allowFrom(Connections peer, String why) {
    connections.allowDefaultPortFrom(peer, why);
  }

  /** The {@code DBInstanceIdentifier} CloudWatch metrics are keyed by. */
  public Output<String> instanceIdentifier() {
    return instanceIdentifier;
  }

  public Output<String> instanceArn() {
    return instanceArn;
  }

  /** {@code <prefix>-db}, lowercased and cut to RDS's 63 characters. */
  static String identifier(StackContext context) {
    return context.name("-db", MAX_IDENTIFIER);
  }

  private static List<ParameterGroupParameterArgs> parameters() {
    return List.of(
        // RDS.38: every connection must use TLS.
        parameter("rds.force_ssl", "1", "immediate"),
        // Query monitoring; a static parameter, applied at the next reboot.
        parameter("shared_preload_libraries", "pg_stat_statements", "pending-reboot"),
        parameter("pg_stat_statements.track", "all", "immediate"),
        // Statements slower than a second go to the exported postgresql log.
        parameter("log_min_duration_statement", "1000", "immediate"));
  }

  private static ParameterGroupParameterArgs parameter(String key, String value, String apply) {
    return ParameterGroupParameterArgs.builder().name(key).value(value).applyMethod(apply).build();
  }

  private static Output<String> monitoringRole(
      String name, RoleConfinement confinement, StackContext context, CustomResourceOptions child) {
    var role =
        new Role(
            name + "-monitoring-role",
            confinement
                .confine(RoleArgs.builder())
                .description("Lets RDS enhanced monitoring publish OS metrics to CloudWatch Logs")
                .assumeRolePolicy(
                    PolicyDocument.of(
                        PolicyStatement.allow("RdsMonitoringAssumesRole")
                            .servicePrincipal("monitoring.rds.amazonaws.com")
                            .actions("sts:AssumeRole")
                            .build()))
                .build(),
            child);
    var attachment =
        new RolePolicyAttachment(
            name + "-monitoring-policy",
            RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(context.managedPolicy(MONITORING_POLICY))
                .build(),
            child);
    // The instance must not start monitoring before the role may publish.
    return Output.tuple(role.arn(), attachment.id()).applyValue(t -> t.t1);
  }

  /** What deploying the database needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(
            Instance.class, ParameterGroup.class, SubnetGroup.class, LogGroup.class, Secret.class)
        .creates(Role.class, RolePolicyAttachment.class)
        .createsRoles()
        .build();
  }
}
