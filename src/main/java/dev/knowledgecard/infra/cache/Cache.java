package dev.knowledgecard.infra.cache;

import com.pulumi.aws.elasticache.ParameterGroup;
import com.pulumi.aws.elasticache.ParameterGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.inputs.ParameterGroupParameterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.secrets.GeneratedSecret;
import java.util.List;
import java.util.Map;

/**
 * Redis for the app's cache and BullMQ queues: an ElastiCache replication group with cluster mode
 * disabled (BullMQ needs all keys of a queue on one shard), in the isolated data subnets behind the
 * cache security group. Encrypted at rest and in transit (clients connect with {@code rediss://}),
 * AUTH required with a token AWS generates and Secrets Manager keeps; automatic backups and minor
 * upgrades. With two or more nodes, a replica in another AZ takes over automatically.
 *
 * <pre>{@code
 * var cache = new Cache("prod-cache",
 *     new CacheArgs(config.cache(), ports.cache(), network.dataSubnetIds(),
 *         securityGroups.cacheGroupId(), "knowledge-card-prod", 30), options);
 * cache.primaryEndpoint(); cache.authTokenSecretArn();
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

  /** Redis AUTH tokens are 16 to 128 printable characters. */
  static final int AUTH_TOKEN_LENGTH = 64;

  private final Output<String> primaryEndpoint;
  private final int port;
  private final Output<String> authTokenSecretArn;
  private final Output<String> replicationGroupId;
  private final Output<List<String>> memberClusterIds;

  public Cache(String name, CacheArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var settings = args.settings();
    var child = CustomResourceOptions.builder().parent(this).build();

    var authToken =
        GeneratedSecret.create(
            name + "-auth-token",
            "Redis AUTH token of " + args.namePrefix() + " (REDIS_AUTH_TOKEN)",
            args.namePrefix() + "/redis-auth-token-",
            AUTH_TOKEN_LENGTH,
            args.secretRecoveryWindowDays(),
            this);

    // ElastiCache.7: the project's own subnet group, never the default one.
    var subnetGroup =
        new SubnetGroup(
            name + "-subnets",
            SubnetGroupArgs.builder()
                .description("Isolated data subnets of " + args.namePrefix())
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
                .description("Valkey of " + args.namePrefix() + ": no eviction, for BullMQ")
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
                .description("Knowledge Card cache and job queues (" + args.namePrefix() + ")")
                .engine(ENGINE)
                .engineVersion(settings.engineVersion())
                .clusterMode("disabled")
                .nodeType(settings.nodeType())
                .numCacheClusters(settings.nodes())
                .port(args.port())
                .subnetGroupName(subnetGroup.name())
                .parameterGroupName(parameters.name())
                .securityGroupIds(args.securityGroupId().applyValue(List::of))
                .atRestEncryptionEnabled(true)
                .transitEncryptionEnabled(true)
                .transitEncryptionMode("required")
                .authToken(authToken.value())
                .automaticFailoverEnabled(failover)
                .multiAzEnabled(failover)
                .snapshotRetentionLimit(settings.snapshotRetentionDays())
                .snapshotWindow("03:00-04:00")
                .maintenanceWindow("sun:05:00-sun:06:00")
                .autoMinorVersionUpgrade(true)
                .build(),
            CustomResourceOptions.builder()
                .parent(this)
                // The token was written once with the secret; a fresh random value from a later
                // run must not replace it (rotation is a deliberate step, see README).
                .ignoreChanges("authToken")
                .build());

    this.primaryEndpoint = group.primaryEndpointAddress();
    this.port = args.port();
    this.authTokenSecretArn = authToken.arn();
    this.replicationGroupId = group.replicationGroupId();
    this.memberClusterIds = group.memberClusters();
    registerOutputs(
        Map.of(
            "primaryEndpoint", primaryEndpoint,
            "port", Output.of(port),
            "authTokenSecretArn", authTokenSecretArn,
            "replicationGroupId", replicationGroupId,
            "memberClusterIds", memberClusterIds));
  }

  /** The primary's DNS name: the app's {@code REDIS_HOST}; it follows a failover. */
  public Output<String> primaryEndpoint() {
    return primaryEndpoint;
  }

  /** The app's {@code REDIS_PORT}; connect with TLS ({@code REDIS_TLS=true}). */
  public int port() {
    return port;
  }

  /** The secret holding the AUTH token (a plain string): the app's {@code REDIS_AUTH_TOKEN}. */
  public Output<String> authTokenSecretArn() {
    return authTokenSecretArn;
  }

  public Output<String> replicationGroupId() {
    return replicationGroupId;
  }

  /** The node ids CloudWatch keys ElastiCache metrics by ({@code CacheClusterId}). */
  public Output<List<String>> memberClusterIds() {
    return memberClusterIds;
  }
}
