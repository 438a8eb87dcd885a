package dev.knowledgecard.infra.rotation;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.database.DatabaseEndpoint;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link SecretRotator}, built by name: three secret ARNs of the same type, or the
 * database's and the role's names, cannot be swapped silently.
 *
 * <pre>{@code
 * var grants = new RoleGrants();
 * appSecrets.sessionSecret().grantRotation(grants);
 * database.appRoleSecret().grantRotation(grants);
 * database.masterSecret().grantRead(grants);
 * SecretRotatorArgs.builder()
 *     .subnets(network.appSubnetIds(), groups.rotation())
 *     .schedule(config.secrets().rotationDays(), config.logging().appLogRetentionDays())
 *     .sessionSecretArn(appSecrets.sessionSecret().arn())
 *     .appRoleSecretArn(database.appRoleSecret().arn())
 *     .masterSecretArn(database.masterSecret().arn())
 *     .database(database.endpoint())
 *     .appRoleName(Database.APP_ROLE)
 *     .grants(grants)
 *     .confinement(boundary.confinement())
 *     .build();
 * }</pre>
 */
public final class SecretRotatorArgs {
  /** The function's code directory, relative to where Pulumi runs the program. */
  public static final Path DEFAULT_CODE = Path.of("rotation");

  private final Path code;
  private final Output<List<String>> subnetIds;
  private final Connections connections;
  private final int rotationDays;
  private final int logRetentionDays;
  private final Output<String> sessionSecretArn;
  private final Output<String> appRoleSecretArn;
  private final Output<String> masterSecretArn;
  private final DatabaseEndpoint database;
  private final String appRoleName;
  private final RoleGrants grants;
  private final RoleConfinement confinement;

  private SecretRotatorArgs(Builder b) {
    this.code = b.code;
    this.subnetIds = required(b.subnetIds, "subnets");
    this.connections = required(b.connections, "subnets");
    this.rotationDays = b.rotationDays;
    this.logRetentionDays = b.logRetentionDays;
    this.sessionSecretArn = required(b.sessionSecretArn, "sessionSecretArn");
    this.appRoleSecretArn = required(b.appRoleSecretArn, "appRoleSecretArn");
    this.masterSecretArn = required(b.masterSecretArn, "masterSecretArn");
    this.database = required(b.database, "database");
    this.appRoleName = required(b.appRoleName, "appRoleName");
    this.grants = required(b.grants, "grants");
    this.confinement = required(b.confinement, "confinement");
    if (rotationDays < 1 || logRetentionDays < 1) {
      throw new IllegalArgumentException("schedule: rotation and log retention need 1 day or more");
    }
    if (grants.isEmpty()) {
      throw new IllegalArgumentException(
          "grants: the secrets' owners granted the function nothing, so it can rotate nothing");
    }
  }

  private static <T> T required(T value, String setter) {
    return Objects.requireNonNull(value, "SecretRotatorArgs." + setter + " is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  Path code() {
    return code;
  }

  Output<List<String>> subnetIds() {
    return subnetIds;
  }

  Connections connections() {
    return connections;
  }

  int rotationDays() {
    return rotationDays;
  }

  int logRetentionDays() {
    return logRetentionDays;
  }

  Output<String> sessionSecretArn() {
    return sessionSecretArn;
  }

  Output<String> appRoleSecretArn() {
    return appRoleSecretArn;
  }

  Output<String> masterSecretArn() {
    return masterSecretArn;
  }

  DatabaseEndpoint database() {
    return database;
  }

  String appRoleName() {
    return appRoleName;
  }

  RoleGrants grants() {
    return grants;
  }

  RoleConfinement confinement() {
    return confinement;
  }

  /** Every setter is required unless it names a default. */
  public static final class Builder {
    private Path code = DEFAULT_CODE;
    private Output<List<String>> subnetIds;
    private Connections connections;
    private int rotationDays;
    private int logRetentionDays;
    private Output<String> sessionSecretArn;
    private Output<String> appRoleSecretArn;
    private Output<String> masterSecretArn;
    private DatabaseEndpoint database;
    private String appRoleName;
    private RoleGrants grants;
    private RoleConfinement confinement;

    private Builder() {}

    /**
     * The directory zipped as the function's code, after {@code npm ci --omit=dev} in it.
     *
     * @default {@link #DEFAULT_CODE} ({@code rotation})
     */
    public Builder code(Path code) {
      this.code = code;
      return this;
    }

    /**
     * Where the function runs: the private app subnets, one per AZ (Lambda.3, Lambda.5), and its
     * own security group (HTTPS out; PostgreSQL out once the database admits it).
     */
    public Builder subnets(Output<List<String>> subnetIds, Connections connections) {
      this.subnetIds = subnetIds;
      this.connections = connections;
      return this;
    }

    /** Days between rotations, and the retention of the function's log group. */
    public Builder schedule(int rotationDays, int logRetentionDays) {
      this.rotationDays = rotationDays;
      this.logRetentionDays = logRetentionDays;
      return this;
    }

    /** The session-signing secret it rotates (and writes first). */
    public Builder sessionSecretArn(Output<String> arn) {
      this.sessionSecretArn = arn;
      return this;
    }

    /** The app database role's secret it rotates (and writes first). */
    public Builder appRoleSecretArn(Output<String> arn) {
      this.appRoleSecretArn = arn;
      return this;
    }

    /** The RDS-managed master secret it reads to set the app role's password. */
    public Builder masterSecretArn(Output<String> arn) {
      this.masterSecretArn = arn;
      return this;
    }

    /** The database the app role lives in. */
    public Builder database(DatabaseEndpoint database) {
      this.database = database;
      return this;
    }

    /** The database role whose password the function sets. */
    public Builder appRoleName(String name) {
      this.appRoleName = name;
      return this;
    }

    /**
     * What the secrets' owners granted the function's role, each attached as its own inline policy:
     * rotating the two secrets and reading the master secret; none is rejected.
     */
    public Builder grants(RoleGrants grants) {
      this.grants = grants;
      return this;
    }

    /** The IAM path and permissions boundary of the function's role. */
    public Builder confinement(RoleConfinement confinement) {
      this.confinement = confinement;
      return this;
    }

    public SecretRotatorArgs build() {
      return new SecretRotatorArgs(this);
    }
  }
}
