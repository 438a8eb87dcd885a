package dev.knowledgecard.infra;

import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.applogs.AppLogs;
import dev.knowledgecard.infra.applogs.AppLogsArgs;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.containerservice.ContainerService;
import dev.knowledgecard.infra.containerservice.ContainerServiceArgs;
import dev.knowledgecard.infra.containerservice.TaskRoles;
import dev.knowledgecard.infra.database.Database;
import dev.knowledgecard.infra.dns.HostedZone;
import dev.knowledgecard.infra.dns.HostedZoneArgs;
import dev.knowledgecard.infra.loadbalancer.LoadBalancer;
import dev.knowledgecard.infra.loadbalancer.LoadBalancerArgs;
import dev.knowledgecard.infra.registry.ImageRepository;
import dev.knowledgecard.infra.registry.ImageRepositoryArgs;
import java.util.List;
import java.util.Optional;

/**
 * The third layer: the app's log group and image repository, its DNS zone and load balancer, and
 * the container service, granted and admitted by the owners of what it uses.
 */
record PlatformLayer(
    AppLogs logs,
    ImageRepository registry,
    Optional<HostedZone> zone,
    LoadBalancer loadBalancer,
    ContainerService app) {

  static PlatformLayer create(StackConfig config, Foundation base, DataLayer data) {
    var context = base.context();
    var stack = context.stack();
    var options = base.options();
    var logs =
        new AppLogs(stack + "-app-logs", new AppLogsArgs(config.logging()), context, options);
    var registry =
        new ImageRepository(
            stack + "-registry", new ImageRepositoryArgs(config.registry()), context, options);
    var lbSettings = config.loadBalancer();
    var zone =
        lbSettings
            .hostedZoneName()
            .map(
                zoneName ->
                    new HostedZone(
                        stack + "-dns",
                        new HostedZoneArgs(config.dns(), zoneName, lbSettings.hostedZoneId()),
                        options));
    var lbArgs =
        LoadBalancerArgs.builder()
            .settings(lbSettings)
            .network(
                base.network().vpcId(),
                base.network().publicSubnetIds(),
                base.groups().loadBalancer())
            .appPort(config.ports().app());
    zone.ifPresent(z -> lbArgs.hostedZoneId(z.zoneId()));
    data.media().accessLogBucketName().ifPresent(lbArgs::serverAccessLogBucket);
    var loadBalancer = new LoadBalancer(stack + "-lb", lbArgs.build(), context, options);
    var app =
        new ContainerService(
            stack + "-app",
            appArgs(config, base, data, registry, logs, loadBalancer),
            context,
            options);
    // Who may reach whom: each owner opens its own port.
    app.allowFrom(loadBalancer.connections(), "Forward requests to application tasks");
    data.database().allowFrom(app.connections(), "PostgreSQL");
    data.cache().allowFrom(app.connections(), "Redis");
    return new PlatformLayer(logs, registry, zone, loadBalancer, app);
  }

  /** The service's inputs, and what the owners of its data grant its roles. */
  private static ContainerServiceArgs appArgs(
      StackConfig config,
      Foundation base,
      DataLayer data,
      ImageRepository registry,
      AppLogs logs,
      LoadBalancer lb) {
    var database = data.database();
    var cache = data.cache();
    var service = TaskRoles.create();
    registry.grantPull(service.execution());
    logs.grantWrite(service.execution());
    data.secrets().grantRead(service.execution());
    data.media().grantReadWrite(service.task());
    database.appRoleSecret().grantRead(service.task());
    cache.grantConnect(service.task());
    data.secrets().sessionSecret().grantRead(service.task());
    var migration = TaskRoles.create();
    registry.grantPull(migration.execution());
    logs.grantWrite(migration.execution());
    return ContainerServiceArgs.builder()
        .settings(config.service())
        .repositoryUrl(registry.repositoryUrl())
        .subnetIds(base.network().appSubnetIds())
        .connections(base.groups().app())
        .targetGroupArn(lb.targetGroupArn())
        .loadBalancerArnSuffix(lb.loadBalancerArnSuffix())
        .targetGroupArnSuffix(lb.targetGroupArnSuffix())
        .publicUrl(lb.publicUrl())
        .logGroupName(logs.logGroupName())
        .database(database.endpoint())
        .redis(cache.primaryEndpoint(), cache.port())
        .redisUser(cache.userId())
        .redisCacheName(cache.replicationGroupId())
        .bucketName(data.media().bucketName())
        .appRoleSecretArn(database.appRoleSecret().arn())
        .sessionSecretArn(data.secrets().sessionSecret().arn())
        .masterSecret(database.masterSecret())
        .appRoleName(Database.APP_ROLE)
        .containerSecrets(data.secrets().containerSecrets())
        .serviceRoles(service)
        .migrationRoles(migration)
        .confinement(base.boundary().confinement())
        .build();
  }

  /** What deploying this layer needs; a stack without a zone declares an empty DNS need. */
  List<DeployNeeds> deployNeeds(String stack) {
    return List.of(
        logs.deployNeeds(),
        registry.deployNeeds(),
        zone.map(HostedZone::deployNeeds).orElse(DeployNeeds.of(stack + "-dns").build()),
        loadBalancer.deployNeeds(),
        app.deployNeeds());
  }
}
