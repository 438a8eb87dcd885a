package dev.knowledgecard.infra.rotation;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.database.DatabaseEndpoint;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link SecretRotator}, built by name: three secrets of the same type, or the database's
 * and the role's names, cannot be swapped silently. The function's role is granted by the secrets
 * themselves ({@link GrantableSecret#grantRotation}, {@link GrantableSecret#grantRead}), so it
 * holds exactly the secrets the function is told about.
 *
 * <pre>{@code
 * SecretRotatorArgs.builder()
 *     .subnets(network.appSubnetIds(), groups.rotation())
 *     .schedule(config.secrets().rotationDays(), config.logging().appLogRetentionDays())
 *     .sessionSecret(appSecrets.sessionSecret())
 *     .appRoleSecret(database.appRoleSecret())
 *     .masterSecret(database.masterSecret())
 *     .database(database.endpoint())
 *     .appRoleName(Database.APP_ROLE)
 *     .confinement(boundary.confinement())
 *     .build();
 * }</pre>
 */
public final class SecretRotatorArgs {
  /**
   * The function's code directory, relative to where Pulumi runs the program, zipped after {@code
   * npm ci --omit=dev} in it.
   */
  private static final Path CODE = Path.of("rotation");

  private final Output<List<String>> subnetIds;
  private final Connections connections;
  private final int rotationDays;
  private final int logRetentionDays;
  private final GrantableSecret sessionSecret;
  private final GrantableSecret appRoleSecret;
  private final GrantableSecret masterSecret;
  private final DatabaseEndpoint database;
  private final String appRoleName;
  private final RoleConfinement confinement;

  private SecretRotatorArgs(Builder b) {
    this.subnetIds = required(b.subnetIds, "subnets");
    this.connections = required(b.connections, "subnets");
    this.rotationDays = b.rotationDays;
    this.logRetentionDays = b.logRetentionDays;
    this.sessionSecret = required(b.sessionSecret, "sessionSecret");
    this.appRoleSecret = required(b.appRoleSecret, "appRoleSecret");
    this.masterSecret = required(b.masterSecret, "masterSecret");
    this.database = required(b.database, "database");
    this.appRoleName = required(b.appRoleName, "appRoleName");
    this.confinement = required(b.confinement, "confinement");
    if (rotationDays < 1 || logRetentionDays < 1) {
      throw new IllegalArgumentException("schedule: rotation and log retention need 1 day or more");
    }
  }

  private static <T> T required(T value, String setter) {
    return Objects.requireNonNull(value, "SecretRotatorArgs." + setter + " is required");
  }

  public static Builder builder() {
    return new Builder();
  }

  Path code() {
    return CODE;
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

  GrantableSecret sessionSecret() {
    return sessionSecret;
  }

  GrantableSecret appRoleSecret() {
    return appRoleSecret;
  }

  GrantableSecret masterSecret() {
    return masterSecret;
  }

  DatabaseEndpoint database() {
    return database;
  }

  String appRoleName() {
    return appRoleName;
  }

  RoleConfinement confinement() {
    return confinement;
  }

  /** Every setter is required. */
  public static final class Builder {
    private Output<List<String>> subnetIds;
    private Connections connections;
    private int rotationDays;
    private int logRetentionDays;
    private GrantableSecret sessionSecret;
    private GrantableSecret appRoleSecret;
    private GrantableSecret masterSecret;
    private DatabaseEndpoint database;
    private String appRoleName;
    private RoleConfinement confinement;

    private Builder() {}

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

    /**
     * The session-signing secret it rotates (and writes first); the secret grants the function's
     * role rotating it (inline policy {@code session-secret}).
     */
    public Builder sessionSecret(GrantableSecret secret) {
      this.sessionSecret = secret;
      return this;
    }

    /**
     * The app database role's secret it rotates (and writes first); the secret grants the
     * function's role rotating it (inline policy {@code db-app-role-secret}).
     */
    public Builder appRoleSecret(GrantableSecret secret) {
      this.appRoleSecret = secret;
      return this;
    }

    /**
     * The RDS-managed master secret it reads to set the app role's password; the secret grants the
     * function's role reading it (inline policy {@code master-secret}).
     */
    public Builder masterSecret(GrantableSecret secret) {
      this.masterSecret = secret;
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
