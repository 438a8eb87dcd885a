package dev.knowledgecard.infra.containerservice;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.ServiceSettings;
import dev.knowledgecard.infra.database.DatabaseEndpoint;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Inputs of {@link ContainerService}, set by name: plain values from the registry, network, load
 * balancer, log group and data tier, so the component can be built and tested alone. Every setter
 * is required unless its Javadoc names a default.
 *
 * <pre>{@code
 * ContainerServiceArgs.builder()
 *     .settings(config.service())
 *     .repositoryUrl(registry.repositoryUrl())
 *     .subnetIds(network.appSubnetIds()).connections(groups.app())
 *     .targetGroupArn(lb.targetGroupArn()).loadBalancerArnSuffix(lb.loadBalancerArnSuffix())
 *     .targetGroupArnSuffix(lb.targetGroupArnSuffix()).publicUrl(lb.publicUrl())
 *     .logGroupName(logs.logGroupName())
 *     .database(db.endpoint())
 *     ... // cache, bucket, secrets, roles (granted by the registry, log group and data owners)
 *     .confinement(boundary.confinement())
 *     .build();
 * }</pre>
 */
public final class ContainerServiceArgs {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private final ServiceSettings settings;
  private final Output<String> repositoryUrl;
  private final Output<List<String>> subnetIds;
  private final Connections connections;
  private final Output<String> targetGroupArn;
  private final Output<String> loadBalancerArnSuffix;
  private final Output<String> targetGroupArnSuffix;
  private final Output<String> publicUrl;
  private final Output<String> logGroupName;
  private final DatabaseEndpoint database;
  private final Output<String> redisHost;
  private final int redisPort;
  private final Output<String> redisUser;
  private final Output<String> redisCacheName;
  private final Output<String> bucketName;
  private final Output<String> appRoleSecretArn;
  private final Output<String> sessionSecretArn;
  private final GrantableSecret masterSecret;
  private final String appRoleName;
  private final Map<String, Output<String>> containerSecrets;
  private final Map<String, Output<String>> migrationSecrets;
  private final TaskRoles serviceRoles;
  private final TaskRoles migrationRoles;
  private final RoleConfinement confinement;

  private ContainerServiceArgs(Builder b) {
    this.settings = b.settings;
    this.repositoryUrl = b.repositoryUrl;
    this.subnetIds = b.subnetIds;
    this.connections = b.connections;
    this.targetGroupArn = b.targetGroupArn;
    this.loadBalancerArnSuffix = b.loadBalancerArnSuffix;
    this.targetGroupArnSuffix = b.targetGroupArnSuffix;
    this.publicUrl = b.publicUrl;
    this.logGroupName = b.logGroupName;
    this.database = b.database;
    this.redisHost = b.redisHost;
    this.redisPort = b.redisPort;
    this.redisUser = b.redisUser;
    this.redisCacheName = b.redisCacheName;
    this.bucketName = b.bucketName;
    this.appRoleSecretArn = b.appRoleSecretArn;
    this.sessionSecretArn = b.sessionSecretArn;
    this.masterSecret = b.masterSecret;
    this.appRoleName = b.appRoleName;
    this.containerSecrets = b.containerSecrets;
    var migration = new LinkedHashMap<String, Output<String>>();
    migration.put("DB_USER", masterSecret.jsonKey("username"));
    migration.put("DB_PASSWORD", masterSecret.jsonKey("password"));
    this.migrationSecrets = Collections.unmodifiableMap(migration);
    this.serviceRoles = b.serviceRoles;
    this.migrationRoles = b.migrationRoles;
    this.confinement = b.confinement;
  }

  public static Builder builder() {
    return new Builder();
  }

  ServiceSettings settings() {
    return settings;
  }

  Output<String> repositoryUrl() {
    return repositoryUrl;
  }

  Output<List<String>> subnetIds() {
    return subnetIds;
  }

  Connections connections() {
    return connections;
  }

  /** The container port: the app group's default port. */
  int appPort() {
    return connections.defaultPort();
  }

  Output<String> targetGroupArn() {
    return targetGroupArn;
  }

  Output<String> loadBalancerArnSuffix() {
    return loadBalancerArnSuffix;
  }

  Output<String> targetGroupArnSuffix() {
    return targetGroupArnSuffix;
  }

  Output<String> publicUrl() {
    return publicUrl;
  }

  Output<String> logGroupName() {
    return logGroupName;
  }

  DatabaseEndpoint database() {
    return database;
  }

  Output<String> redisHost() {
    return redisHost;
  }

  int redisPort() {
    return redisPort;
  }

  Output<String> redisUser() {
    return redisUser;
  }

  Output<String> redisCacheName() {
    return redisCacheName;
  }

  Output<String> bucketName() {
    return bucketName;
  }

  Output<String> appRoleSecretArn() {
    return appRoleSecretArn;
  }

  Output<String> sessionSecretArn() {
    return sessionSecretArn;
  }

  GrantableSecret masterSecret() {
    return masterSecret;
  }

  String appRoleName() {
    return appRoleName;
  }

  Map<String, Output<String>> containerSecrets() {
    return containerSecrets;
  }

  /** The migration task's secrets: the master credentials, keys of the master secret. */
  Map<String, Output<String>> migrationSecrets() {
    return migrationSecrets;
  }

  TaskRoles serviceRoles() {
    return serviceRoles;
  }

  TaskRoles migrationRoles() {
    return migrationRoles;
  }

  RoleConfinement confinement() {
    return confinement;
  }

  /** Collects the inputs; {@link #build()} checks them and copies them into the args. */
  public static final class Builder {
    private ServiceSettings settings;
    private Output<String> repositoryUrl;
    private Output<List<String>> subnetIds;
    private Connections connections;
    private Output<String> targetGroupArn;
    private Output<String> loadBalancerArnSuffix;
    private Output<String> targetGroupArnSuffix;
    private Output<String> publicUrl;
    private Output<String> logGroupName;
    private DatabaseEndpoint database;
    private Output<String> redisHost;
    private Integer redisPort;
    private Output<String> redisUser;
    private Output<String> redisCacheName;
    private Output<String> bucketName;
    private Output<String> appRoleSecretArn;
    private Output<String> sessionSecretArn;
    private GrantableSecret masterSecret;
    private String appRoleName;
    private Map<String, Output<String>> containerSecrets = Map.of();
    private TaskRoles serviceRoles;
    private TaskRoles migrationRoles;
    private RoleConfinement confinement;

    private Builder() {}

    /** Image, size, counts, deployment and scaling. */
    public Builder settings(ServiceSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * The image repository's URL; the image is this plus the configured tag. Its owner grants the
     * execution roles pulling from it ({@code registry.grantPull}).
     */
    public Builder repositoryUrl(Output<String> url) {
      this.repositoryUrl = url;
      return this;
    }

    /** Private app subnets for tasks (no public IP). */
    public Builder subnetIds(Output<List<String>> subnetIds) {
      this.subnetIds = subnetIds;
      return this;
    }

    /**
     * The app security group, shared by the service and the migration task; the container listens
     * on its default port.
     */
    public Builder connections(Connections connections) {
      this.connections = connections;
      return this;
    }

    /** The load balancer's target group (resolved once a listener uses it). */
    public Builder targetGroupArn(Output<String> arn) {
      this.targetGroupArn = arn;
      return this;
    }

    /** {@code app/<name>/<id>}, for the requests-per-target scaling metric. */
    public Builder loadBalancerArnSuffix(Output<String> suffix) {
      this.loadBalancerArnSuffix = suffix;
      return this;
    }

    /** {@code targetgroup/<name>/<id>}, for the requests-per-target scaling metric. */
    public Builder targetGroupArnSuffix(Output<String> suffix) {
      this.targetGroupArnSuffix = suffix;
      return this;
    }

    /** The app's public URL ({@code PUBLIC_URL}). */
    public Builder publicUrl(Output<String> url) {
      this.publicUrl = url;
      return this;
    }

    /** The app log group (awslogs); its owner grants the execution roles writing to it. */
    public Builder logGroupName(Output<String> name) {
      this.logGroupName = name;
      return this;
    }

    /** PostgreSQL: {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}. */
    public Builder database(DatabaseEndpoint database) {
      this.database = database;
      return this;
    }

    /** Redis primary endpoint and port: {@code REDIS_HOST}, {@code REDIS_PORT}. */
    public Builder redis(Output<String> host, int port) {
      this.redisHost = host;
      this.redisPort = port;
      return this;
    }

    /** The IAM-authenticated RBAC user ({@code REDIS_USER}). */
    public Builder redisUser(Output<String> user) {
      this.redisUser = user;
      return this;
    }

    /** The replication group id, host of the IAM token ({@code REDIS_CACHE_NAME}). */
    public Builder redisCacheName(Output<String> name) {
      this.redisCacheName = name;
      return this;
    }

    /** The media bucket ({@code MEDIA_BUCKET}). */
    public Builder bucketName(Output<String> name) {
      this.bucketName = name;
      return this;
    }

    /**
     * The app database role's secret: the service's {@code DB_SECRET_ARN}, which the app re-reads
     * when a rotated password is rejected.
     */
    public Builder appRoleSecretArn(Output<String> arn) {
      this.appRoleSecretArn = arn;
      return this;
    }

    /** The session-signing secret ({@code SESSION_SECRET_ARN}). */
    public Builder sessionSecretArn(Output<String> arn) {
      this.sessionSecretArn = arn;
      return this;
    }

    /**
     * The RDS-managed master secret (JSON keys {@code username}, {@code password}): the migration
     * task's {@code DB_SECRET_ARN}, and its {@code DB_USER} and {@code DB_PASSWORD} injected from
     * those keys. The secret grants the migration task's two roles reading it (inline policy {@code
     * master-secret}), and no other role of the service.
     */
    public Builder masterSecret(GrantableSecret secret) {
      this.masterSecret = secret;
      return this;
    }

    /** The app database role the migrations create ({@code DB_APP_USER}). */
    public Builder appRoleName(String name) {
      this.appRoleName = name;
      return this;
    }

    /**
     * The service's secrets: environment variable name to {@code valueFrom} (a secret ARN, or
     * {@code <arn>:<jsonKey>::}), injected only through {@code secrets[]}; their owner must grant
     * {@code serviceRoles.execution()} reading them.
     *
     * @default none
     */
    public Builder containerSecrets(Map<String, Output<String>> secrets) {
      checkNames(secrets, "container");
      this.containerSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
      return this;
    }

    /**
     * What the owners granted the service's execution role (at least pulling the image and writing
     * logs) and task role; an execution role granted nothing is rejected.
     */
    public Builder serviceRoles(TaskRoles roles) {
      this.serviceRoles = roles;
      return this;
    }

    /**
     * What the owners granted the migration task's roles, kept apart from the service's: only they
     * read the master secret, which {@link #masterSecret} grants them; an execution role granted
     * nothing (at least pulling the image and writing logs) is rejected.
     */
    public Builder migrationRoles(TaskRoles roles) {
      this.migrationRoles = roles;
      return this;
    }

    /** The IAM path and permissions boundary every role of the stack carries. */
    public Builder confinement(RoleConfinement confinement) {
      this.confinement = confinement;
      return this;
    }

    public ContainerServiceArgs build() {
      var missing = new ArrayList<String>();
      require(missing, settings, "settings");
      require(missing, repositoryUrl, "repositoryUrl");
      require(missing, subnetIds, "subnetIds");
      require(missing, connections, "connections");
      require(missing, targetGroupArn, "targetGroupArn");
      require(missing, loadBalancerArnSuffix, "loadBalancerArnSuffix");
      require(missing, targetGroupArnSuffix, "targetGroupArnSuffix");
      require(missing, publicUrl, "publicUrl");
      require(missing, logGroupName, "logGroupName");
      require(missing, database, "database");
      require(missing, redisHost, "redis");
      require(missing, redisUser, "redisUser");
      require(missing, redisCacheName, "redisCacheName");
      require(missing, bucketName, "bucketName");
      require(missing, appRoleSecretArn, "appRoleSecretArn");
      require(missing, sessionSecretArn, "sessionSecretArn");
      require(missing, masterSecret, "masterSecret");
      require(missing, appRoleName, "appRoleName");
      require(missing, serviceRoles, "serviceRoles");
      require(missing, migrationRoles, "migrationRoles");
      require(missing, confinement, "confinement");
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("ContainerServiceArgs needs " + missing);
      }
      checkGranted(containerSecrets.keySet(), serviceRoles, "container");
      checkGranted(List.of("DB_USER", "DB_PASSWORD"), migrationRoles, "migration");
      return new ContainerServiceArgs(this);
    }

    private static void require(List<String> missing, Object value, String setter) {
      if (Objects.isNull(value)) {
        missing.add(setter);
      }
    }

    private static void checkNames(Map<String, Output<String>> secrets, String which) {
      for (var variable : secrets.keySet()) {
        if (!ENV_NAME.matcher(variable).matches()) {
          throw new IllegalArgumentException(
              which + " secret name " + variable + " is not an environment variable name");
        }
        if (ContainerService.PLAIN_ENVIRONMENT.contains(variable)) {
          throw new IllegalArgumentException(
              which
                  + " secret "
                  + variable
                  + " collides with a non-secret environment variable the service sets");
        }
      }
    }

    /** An execution role nobody granted anything cannot even pull the image. */
    private static void checkGranted(
        java.util.Collection<String> secrets, TaskRoles roles, String which) {
      if (roles.execution().isEmpty()) {
        throw new IllegalArgumentException(
            which
                + " execution role was granted nothing: it needs a grant to pull the image, write"
                + " logs and read the secrets "
                + secrets);
      }
    }
  }
}
