package dev.knowledgecard.infra;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.access.DeployAccess;
import dev.knowledgecard.infra.access.DeployAccessArgs;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.access.ImagePublisher;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.access.WorkloadBoundary;
import dev.knowledgecard.infra.access.WorkloadBoundaryArgs;
import dev.knowledgecard.infra.applogs.AppLogs;
import dev.knowledgecard.infra.applogs.AppLogsArgs;
import dev.knowledgecard.infra.cache.Cache;
import dev.knowledgecard.infra.cache.CacheArgs;
import dev.knowledgecard.infra.config.ConfigKeys;
import dev.knowledgecard.infra.config.ConfigSource;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.containerservice.AppDataTier;
import dev.knowledgecard.infra.containerservice.ContainerService;
import dev.knowledgecard.infra.containerservice.ContainerServiceArgs;
import dev.knowledgecard.infra.database.Database;
import dev.knowledgecard.infra.database.DatabaseArgs;
import dev.knowledgecard.infra.dns.HostedZone;
import dev.knowledgecard.infra.dns.HostedZoneArgs;
import dev.knowledgecard.infra.guardrails.Guardrails;
import dev.knowledgecard.infra.guardrails.GuardrailsArgs;
import dev.knowledgecard.infra.loadbalancer.LoadBalancer;
import dev.knowledgecard.infra.loadbalancer.LoadBalancerArgs;
import dev.knowledgecard.infra.network.Network;
import dev.knowledgecard.infra.network.NetworkArgs;
import dev.knowledgecard.infra.observability.AlarmTopic;
import dev.knowledgecard.infra.observability.AlarmTopicArgs;
import dev.knowledgecard.infra.observability.Monitoring;
import dev.knowledgecard.infra.observability.MonitoringArgs;
import dev.knowledgecard.infra.registry.ImageRepository;
import dev.knowledgecard.infra.registry.ImageRepositoryArgs;
import dev.knowledgecard.infra.rotation.SecretRotator;
import dev.knowledgecard.infra.rotation.SecretRotatorArgs;
import dev.knowledgecard.infra.secrets.AppSecrets;
import dev.knowledgecard.infra.secrets.AppSecretsArgs;
import dev.knowledgecard.infra.securitygroups.SecurityGroups;
import dev.knowledgecard.infra.securitygroups.SecurityGroupsArgs;
import dev.knowledgecard.infra.storage.MediaStorage;
import dev.knowledgecard.infra.storage.MediaStorageArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole Knowledge Card stack: one validated configuration composed into components, with
 * dependencies flowing one way (config, network, data, platform, alarms and dashboards). The Pulumi
 * program and the offline synth both run {@link #define}.
 */
public final class KnowledgeCardStack {

  /**
   * The rotation function's code, relative to the project directory Pulumi runs the program in; the
   * deploy runs {@code npm ci --omit=dev} there first.
   */
  static final String ROTATION_CODE_DIR = "rotation";

  private KnowledgeCardStack() {}

  /**
   * The stack function. Validates all configuration before registering any resource.
   *
   * @param configKeys every full config key the stack sets, and which are secure values, so
   *     misspelled keys and misplaced secrets are reported
   */
  public static void define(Context ctx, ConfigKeys configKeys) {
    var config =
        StackConfig.load(ConfigSource.of(ctx, configKeys), ctx.projectName(), ctx.stackName());
    compose(ctx, config);
  }

  private static void compose(Context ctx, StackConfig config) {
    var stack = config.stack();
    var prefix = config.resourcePrefix();
    // One explicit provider carries the region, the tags every resource gets and the stack's one
    // account. An explicit provider reads no `aws:` stack config, so the allowed account is passed
    // on here: the provider then refuses credentials of any other account before changing anything.
    var aws =
        new Provider(
            stack + "-aws",
            ProviderArgs.builder()
                .region(config.region())
                .allowedAccountIds(List.of(config.accountId()))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.tags()).build())
                .build());
    var inStack = ComponentResourceOptions.builder().providers(aws).build();
    var accountId = Output.of(config.accountId());
    // First: every role the components create is confined to this path and boundary.
    var ciPath = DeployAccessArgs.ciPathFor(config.project(), stack);
    var boundary =
        new WorkloadBoundary(
            stack + "-workload-boundary",
            new WorkloadBoundaryArgs(
                config.project(),
                stack,
                config.region(),
                accountId,
                RoleConfinement.rolePathFor(config.project(), stack),
                ciPath),
            inStack);

    var network =
        new Network(
            stack + "-network",
            new NetworkArgs(
                config.network(), config.region(), prefix, boundary.confinement(), config.tags()),
            inStack);
    var securityGroups =
        new SecurityGroups(
            stack + "-sg",
            new SecurityGroupsArgs(network.vpcId(), config.ports(), prefix),
            inStack);

    // Data tier: reachable only from the app group (rules live in SecurityGroups).
    var database =
        new Database(
            stack + "-database",
            new DatabaseArgs(
                config.database(),
                config.ports().database(),
                network.dataSubnetIds(),
                securityGroups.databaseGroupId(),
                prefix,
                boundary.confinement(),
                config.secrets().recoveryWindowDays()),
            inStack);
    var cache =
        new Cache(
            stack + "-cache",
            new CacheArgs(
                config.cache(),
                config.ports().cache(),
                network.dataSubnetIds(),
                securityGroups.cacheGroupId(),
                prefix),
            inStack);
    var media =
        new MediaStorage(
            stack + "-media", new MediaStorageArgs(config.storage(), prefix, accountId), inStack);
    var appSecrets =
        new AppSecrets(
            stack + "-secrets",
            new AppSecretsArgs(config.secrets(), prefix, database.appRoleSecretArn()),
            inStack);
    // Writes the first value of the secrets created empty, then rotates them on schedule.
    var rotation =
        new SecretRotator(
            stack + "-rotation",
            new SecretRotatorArgs(
                prefix,
                config.region(),
                accountId,
                Path.of(ROTATION_CODE_DIR),
                network.appSubnetIds(),
                securityGroups.rotationGroupId(),
                config.secrets().rotationDays(),
                config.logging().appLogRetentionDays(),
                appSecrets.sessionSecretArn(),
                database.appRoleSecretArn(),
                database.masterUserSecretArn(),
                new SecretRotatorArgs.Database(
                    database.address(),
                    database.port(),
                    database.databaseName(),
                    Database.APP_ROLE),
                boundary.confinement()),
            inStack);

    var appLogs =
        new AppLogs(
            stack + "-app-logs",
            new AppLogsArgs(
                config.logging(),
                "/" + config.project() + "/" + stack + "/app",
                config.region(),
                accountId),
            inStack);

    var registry =
        new ImageRepository(
            stack + "-registry",
            new ImageRepositoryArgs(prefix + "/app", config.registry()),
            inStack);
    if (config.loadBalancer().domainName().isEmpty()) {
      ctx.log()
          .warn(
              "stack "
                  + stack
                  + " has no knowledge-card:domainName: the load balancer serves plain HTTP on"
                  + " port 80 with no certificate (waiver ELB.1). Set domainName and"
                  + " hostedZoneName for HTTPS.");
    }
    var zone =
        config
            .loadBalancer()
            .hostedZoneName()
            .map(
                zoneName ->
                    new HostedZone(
                        stack + "-dns",
                        new HostedZoneArgs(
                            config.dns(), zoneName, config.loadBalancer().hostedZoneId()),
                        inStack));
    var loadBalancer =
        new LoadBalancer(
            stack + "-lb",
            new LoadBalancerArgs(
                config.loadBalancer(),
                network.vpcId(),
                network.publicSubnetIds(),
                securityGroups.loadBalancerGroupId(),
                config.ports().app(),
                config.region(),
                accountId,
                zone.map(HostedZone::zoneId),
                media.accessLogBucketName()),
            inStack);

    var app =
        new ContainerService(
            stack + "-app",
            new ContainerServiceArgs(
                config.service(),
                prefix,
                config.region(),
                accountId,
                registry.repositoryUrl(),
                registry.repositoryArn(),
                network.appSubnetIds(),
                securityGroups.appGroupId(),
                config.ports().app(),
                loadBalancer.targetGroupArn(),
                loadBalancer.loadBalancerArnSuffix(),
                loadBalancer.targetGroupArnSuffix(),
                loadBalancer.publicUrl(),
                appLogs.logGroupName(),
                appLogs.logGroupArn(),
                new AppDataTier(
                    database.address(),
                    database.port(),
                    database.databaseName(),
                    cache.primaryEndpoint(),
                    cache.port(),
                    cache.userId(),
                    cache.replicationGroupId(),
                    media.bucketName(),
                    appSecrets.containerSecrets(),
                    database.appRoleSecretArn(),
                    appSecrets.sessionSecretArn(),
                    database.masterUserSecretArn(),
                    Database.APP_ROLE,
                    // Each owner wrote the grant to what it owns.
                    new AppDataTier.Grants(
                        Map.of("injected-secrets", appSecrets.readPolicy()),
                        Map.of(
                            "storage", media.objectReadWritePolicy(),
                            "cache-connect", cache.connectPolicy(),
                            "db-app-role-secret", database.appRoleSecretReadPolicy(),
                            "session-secret", appSecrets.sessionSecretReadPolicy())),
                    new AppDataTier.Grants(
                        Map.of("master-secret", database.masterSecretReadPolicy()),
                        Map.of("master-secret", database.masterSecretReadPolicy()))),
                boundary.confinement()),
            inStack);

    var alarmTopic =
        new AlarmTopic(
            stack + "-alarms",
            new AlarmTopicArgs(
                config.alarms().emails(), config.alarms().webhookUrl(), config.region(), accountId),
            inStack);
    var budgetName = prefix + "-monthly";
    var guardrails =
        new Guardrails(
            stack + "-guardrails",
            new GuardrailsArgs(
                config.budget(),
                budgetName,
                stack,
                alarmTopic.topicArn(),
                config.access().ownsAccountResources()),
            inStack);
    var monitoring =
        new Monitoring(
            stack + "-monitoring",
            new MonitoringArgs(
                alarmTopic.topicArn(),
                config.region(),
                accountId,
                prefix,
                config.alarms(),
                new MonitoringArgs.Service(app.clusterName(), app.serviceName()),
                new MonitoringArgs.LoadBalancer(
                    loadBalancer.loadBalancerArnSuffix(), loadBalancer.targetGroupArnSuffix()),
                new MonitoringArgs.Database(database.instanceIdentifier(), database.instanceArn()),
                new MonitoringArgs.Cache(
                    cache.replicationGroupId(), cache.memberClusterIds(), config.cache().nodes()),
                network.natGroupNames()),
            inStack);

    // Last: the CI policies are assembled from what every component declared.
    var deployAccess =
        new DeployAccess(
            stack + "-deploy-access",
            new DeployAccessArgs(
                config.access(),
                config.project(),
                stack,
                config.region(),
                accountId,
                boundary.confinement(),
                ciPath,
                List.of(
                    boundary.deployNeeds(),
                    network.deployNeeds(),
                    securityGroups.deployNeeds(),
                    database.deployNeeds(),
                    cache.deployNeeds(),
                    media.deployNeeds(),
                    appSecrets.deployNeeds(),
                    rotation.deployNeeds(),
                    appLogs.deployNeeds(),
                    registry.deployNeeds(),
                    zone.map(HostedZone::deployNeeds)
                        .orElse(DeployNeeds.of(stack + "-dns").build()),
                    loadBalancer.deployNeeds(),
                    app.deployNeeds(),
                    alarmTopic.deployNeeds(),
                    guardrails.deployNeeds(),
                    monitoring.deployNeeds(),
                    DeployAccess.deployNeeds(stack + "-deploy-access"),
                    ImagePublisher.deployNeeds(stack + "-image-publisher"))),
            inStack);
    var imagePublisher =
        new ImagePublisher(
            stack + "-image-publisher",
            deployAccess.imagePublisherArgs(registry.repositoryArn()),
            inStack);
    ctx.export("environment", Output.of(config.environment().configName()));
    ctx.export("region", Output.of(config.region()));
    ctx.export("vpcId", network.vpcId());
    ctx.export("availabilityZones", Output.of(network.availabilityZones()));
    ctx.export("publicSubnetIds", network.publicSubnetIds());
    ctx.export("appSubnetIds", network.appSubnetIds());
    ctx.export("dataSubnetIds", network.dataSubnetIds());
    ctx.export("appSecurityGroupId", securityGroups.appGroupId());
    ctx.export("logGroupName", appLogs.logGroupName());
    ctx.export("databaseEndpoint", database.address());
    ctx.export("databasePort", database.port());
    ctx.export("databaseName", Output.of(database.databaseName()));
    ctx.export("databaseSecretArn", database.masterUserSecretArn());
    ctx.export("cacheEndpoint", cache.primaryEndpoint());
    ctx.export("cachePort", Output.of(cache.port()));
    ctx.export("cacheUserId", cache.userId());
    ctx.export("dbAppRoleSecretArn", database.appRoleSecretArn());
    ctx.export("sessionSecretArn", appSecrets.sessionSecretArn());
    ctx.export("mediaBucketName", media.bucketName());
    ctx.export("mediaBucketArn", media.bucketArn());
    var secretNames = new ArrayList<>(appSecrets.secretArnByEnvName().keySet());
    ctx.export(
        "appSecretArns",
        Output.all(List.copyOf(appSecrets.secretArnByEnvName().values()))
            .applyValue(
                values -> {
                  var byName = new LinkedHashMap<String, String>();
                  for (int i = 0; i < values.size(); i++) {
                    byName.put(secretNames.get(i), values.get(i));
                  }
                  return byName;
                }));
    ctx.export("alarmTopicArn", alarmTopic.topicArn());
    deployAccess.ownedOidcProviderArn().ifPresent(arn -> ctx.export("githubOidcProviderArn", arn));
    ctx.export("githubPreviewRoleArn", deployAccess.previewRoleArn());
    ctx.export("githubDriftRoleArn", deployAccess.driftRoleArn());
    ctx.export("githubDeployRoleArn", deployAccess.deployRoleArn());
    ctx.export("budgetName", guardrails.budgetName());
    ctx.export("imagePublisherRoleArn", imagePublisher.roleArn());
    ctx.export("dashboardUrl", monitoring.dashboardUrl());
    ctx.export("publicUrl", loadBalancer.publicUrl());
    // What the parent zone's delegation lists (prod's delegatedSubdomains for staging's zone).
    zone.ifPresent(z -> ctx.export("hostedZoneNameServers", z.nameServers()));
    ctx.export("albDnsName", loadBalancer.dnsName());
    ctx.export("ecrRepositoryUrl", registry.repositoryUrl());
    ctx.export("ecrRepositoryName", registry.repositoryName());
    // Only what the pipeline deployed: no output until it pushed an image (scripts read "none").
    config.service().image().ifPresent(i -> ctx.export("imageTag", Output.of(i.value())));
    config
        .service()
        .migrationImage()
        .ifPresent(i -> ctx.export("migrationImageTag", Output.of(i.value())));
    ctx.export("clusterName", app.clusterName());
    ctx.export("serviceName", app.serviceName());
    ctx.export("taskDefinitionFamily", app.taskDefinitionFamily());
    ctx.export("migrationTask", app.migrationTask());
  }
}
