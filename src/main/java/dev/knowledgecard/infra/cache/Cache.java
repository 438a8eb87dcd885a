package dev.knowledgecard.infra.cache;

import com.pulumi.aws.elasticache.ParameterGroup;
import com.pulumi.aws.elasticache.ParameterGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.User;
import com.pulumi.aws.elasticache.UserArgs;
import com.pulumi.aws.elasticache.UserGroup;
import com.pulumi.aws.elasticache.UserGroupArgs;
import com.pulumi.aws.elasticache.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.elasticache.inputs.UserAuthenticationModeArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.Grantee;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;
import java.util.Map;

/**
 * Redis for the app's cache and BullMQ queues: an ElastiCache replication group with cluster mode
 * disabled (BullMQ needs all keys of a queue on one shard), in the isolated data subnets behind the
 * cache security group. Encrypted at rest and in transit (clients connect with {@code rediss://});
 * automatic backups and minor upgrades. With two or more nodes, a replica in another AZ takes over
 * automatically.
 *
 * <p>Authentication needs no shared secret: an RBAC user group whose only enabled user, {@link
 * #userId()}, authenticates with IAM (a short-lived SigV4 token the task role signs, which needs
 * {@code elasticache:Connect} on the group and the user: {@link #grantConnect}). Only the peers
 * {@link #allowFrom} names reach its port. The mandatory {@code default} user is replaced by one
 * that is {@code off}, so no password exists at all.
 *
 * <pre>{@code
 * var cache = new Cache("prod-cache",
 *     new CacheArgs(config.cache(), network.dataSubnetIds(), groups.cache()), context, options);
 * cache.allowFrom(groups.app(), "Redis");
 * cache.grantConnect(taskRole);
 * }</pre>
 */
public final class Cache extends ComponentResource {
  public static final String TYPE = "knowledge-card:cache:Cache";

  /**
   * Valkey, AWS's recommended Redis-compatible engine, billed about 20% below Redis OSS per node
   * (pulumi-aws 6.x ReplicationGroup {@code engine}: "Valid values are `redis` or `valkey`",
   * sdk/java/.../elasticache/ReplicationGroupArgs.java). BullMQ and ioredis speak its protocol.
   */
  static final String ENGINE = "valkey";

  /**
   * RBAC users and groups of engine {@code redis}: a Redis OSS cluster accepts only those, a Valkey
   * cluster accepts both engines, and a {@code valkey} group may hold no password-less user such as
   * the disabled default (ElastiCache User Guide, "Role-Based Access Control (RBAC)").
   */
  static final String USER_ENGINE = "redis";

  /**
   * What the app user may do: every command BullMQ and caching use (data types, Lua scripts,
   * blocking pops, transactions, {@code INFO} for BullMQ's version check) and none of the dangerous
   * ones ({@code CONFIG}, {@code FLUSHALL}, {@code KEYS}, {@code DEBUG}, ...). No pub/sub channels
   * (Redis 7 resets them by default): BullMQ's events use streams.
   */
  static final String APP_ACCESS_STRING = "on ~* +@all -@dangerous +info";

  /** What signing an IAM authentication token for the app user needs. */
  static final List<String> CONNECT_ACTIONS = List.of("elasticache:Connect");

  /** The replacement default user: disabled and allowed nothing. */
  static final String DEFAULT_ACCESS_STRING = "off -@all";

  private final Output<String> primaryEndpoint;
  private final Output<String> userId;
  private final Output<String> groupArn;
  private final Output<String> appUserArn;
  private final Connections connections;
  private final Output<String> replicationGroupId;
  private final Output<List<String>> memberClusterIds;

  public Cache(
      String name, CacheArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var settings = args.settings();
    var child = CustomResourceOptions.builder().parent(this).build();

    // IAM authentication needs user id == user name (ElastiCache User Guide, "Authenticating
    // with IAM"); ids are unique per account and region, hence the stack prefix.
    var appUserId = context.namePrefix() + "-app";
    var appUser =
        new User(
            name + "-app-user",
            UserArgs.builder()
                .userId(appUserId)
                .userName(appUserId)
                .engine(USER_ENGINE)
                .accessString(APP_ACCESS_STRING)
                .authenticationMode(UserAuthenticationModeArgs.builder().type("iam").build())
                .build(),
            child);
    // A user group must contain a user named "default" (CloudFormation AWS::ElastiCache::
    // UserGroup, UserIds). This one is off: it cannot authenticate, so it has no password.
    var defaultUser =
        new User(
            name + "-default-user",
            UserArgs.builder()
                .userId(context.namePrefix() + "-default-off")
                .userName("default")
                .engine(USER_ENGINE)
                .accessString(DEFAULT_ACCESS_STRING)
                .authenticationMode(
                    UserAuthenticationModeArgs.builder().type("no-password-required").build())
                .build(),
            child);
    var userGroup =
        new UserGroup(
            name + "-users",
            UserGroupArgs.builder()
                .userGroupId(context.namePrefix() + "-users")
                .engine(USER_ENGINE)
                .userIds(Output.all(defaultUser.userId(), appUser.userId()))
                .build(),
            child);

    // ElastiCache.7: the project's own subnet group, never the default one.
    var subnetGroup =
        new SubnetGroup(
            name + "-subnets",
            SubnetGroupArgs.builder()
                .description("Isolated data subnets of " + context.namePrefix())
                .subnetIds(args.dataSubnetIds())
                .build(),
            child);

    // BullMQ keeps its jobs in this Redis: a policy that evicts keys under memory pressure would
    // silently drop jobs, so keys are never evicted (writes fail loudly instead; alarms watch
    // memory). The default parameter group evicts (volatile-lru).
    var parameters =
        new ParameterGroup(
            name + "-parameters",
            ParameterGroupArgs.builder()
                // Parameter group families valkey7 (7.2) and valkey8 (8.x): ElastiCache User
                // Guide, "Engine specific parameters".
                .family(ENGINE + settings.engineVersion().split("\\.")[0])
                .description("Valkey of " + context.namePrefix() + ": no eviction, for BullMQ")
                .parameters(
                    ParameterGroupParameterArgs.builder()
                        .name("maxmemory-policy")
                        .value("noeviction")
                        .build())
                .build(),
            child);

    var failover = settings.automaticFailover();
    var group =
        new ReplicationGroup(
            name + "-redis",
            ReplicationGroupArgs.builder()
                .description("Knowledge Card cache and job queues (" + context.namePrefix() + ")")
                .engine(ENGINE)
                .engineVersion(settings.engineVersion())
                .clusterMode("disabled")
                .nodeType(settings.nodeType())
                .numCacheClusters(settings.nodes())
                .port(args.connections().defaultPort())
                .subnetGroupName(subnetGroup.name())
                .parameterGroupName(parameters.name())
                .securityGroupIds(args.connections().id().applyValue(List::of))
                .atRestEncryptionEnabled(true)
                .transitEncryptionEnabled(true)
                .transitEncryptionMode("required")
                .userGroupIds(userGroup.userGroupId().applyValue(List::of))
                .automaticFailoverEnabled(failover)
                .multiAzEnabled(failover)
                .snapshotRetentionLimit(settings.snapshotRetentionDays())
                .snapshotWindow("03:00-04:00")
                .maintenanceWindow("sun:05:00-sun:06:00")
                .autoMinorVersionUpgrade(true)
                .build(),
            child);

    this.primaryEndpoint = group.primaryEndpointAddress();
    this.connections = args.connections();
    this.userId = appUser.userId();
    this.groupArn = group.arn();
    this.appUserArn = appUser.arn();
    this.replicationGroupId = group.replicationGroupId();
    this.memberClusterIds = group.memberClusters();
    registerOutputs(
        Map.of(
            "primaryEndpoint", primaryEndpoint,
            "port", Output.of(port()),
            "userId", userId,
            "replicationGroupId", replicationGroupId,
            "memberClusterIds", memberClusterIds));
  }

  /** The primary's DNS name: the app's {@code REDIS_HOST}; it follows a failover. */
  public Output<String> primaryEndpoint() {
    return primaryEndpoint;
  }

  /** The app's {@code REDIS_PORT}; connect with TLS ({@code REDIS_TLS=true}). */
  public int port() {
    return connections.defaultPort();
  }

  /** The IAM-authenticated RBAC user, id and name alike: the app's {@code REDIS_USER}. */
  public Output<String> userId() {
    return userId;
  }

  /**
   * Grants connecting to this group as {@link #userId()} (inline policy {@code cache-connect}): the
   * only grant the app needs (ElastiCache User Guide, "Authenticating with IAM": the policy names
   * both the cache and the user).
   */
  public void grantConnect(Grantee grantee) {
    grantee.grant(
        "cache-connect", "ConnectToCacheAsAppUser", CONNECT_ACTIONS, List.of(groupArn, appUserArn));
  }

  /** Lets {@code peer} reach Redis; {@code why} describes the peer's egress rule. */
  public void allowFrom(Connections peer, String why) {
    connections.allowDefaultPortFrom(peer, why);
  }

  /** The replication group id: the host part of IAM tokens, the app's {@code REDIS_CACHE_NAME}. */
  public Output<String> replicationGroupId() {
    return replicationGroupId;
  }

  /** The node ids CloudWatch keys ElastiCache metrics by ({@code CacheClusterId}). */
  public Output<List<String>> memberClusterIds() {
    return memberClusterIds;
  }

  /** What deploying the cache needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(ReplicationGroup.class, ParameterGroup.class, SubnetGroup.class)
        .creates(User.class, UserGroup.class)
        .build();
  }
}
