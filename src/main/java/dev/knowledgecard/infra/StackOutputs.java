package dev.knowledgecard.infra;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.StackConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The stack outputs the pipeline, scripts and runbook read, grouped by the layer they come from.
 */
final class StackOutputs {

  private StackOutputs() {}

  static void export(
      Context ctx,
      StackConfig config,
      Foundation base,
      DataLayer data,
      PlatformLayer platform,
      OperationsLayer operations) {
    var network = base.network();
    ctx.export("environment", Output.of(config.environment().configName()));
    ctx.export("region", Output.of(config.region()));
    ctx.export("vpcId", network.vpcId());
    ctx.export("availabilityZones", Output.of(network.availabilityZones()));
    ctx.export("publicSubnetIds", network.publicSubnetIds());
    ctx.export("appSubnetIds", network.appSubnetIds());
    ctx.export("dataSubnetIds", network.dataSubnetIds());
    ctx.export("appSecurityGroupId", base.groups().app().id());
    data(ctx, data);
    platform(ctx, config, platform);
    var access = operations.deployAccess();
    ctx.export("alarmTopicArn", operations.alarmTopic().topicArn());
    access.ownedOidcProviderArn().ifPresent(arn -> ctx.export("githubOidcProviderArn", arn));
    ctx.export("githubPreviewRoleArn", access.previewRoleArn());
    ctx.export("githubDriftRoleArn", access.driftRoleArn());
    ctx.export("githubDeployRoleArn", access.deployRoleArn());
    ctx.export("budgetName", operations.guardrails().budgetName());
    ctx.export("imagePublisherRoleArn", operations.imagePublisher().roleArn());
    ctx.export("dashboardUrl", operations.monitoring().dashboardUrl());
  }

  private static void data(Context ctx, DataLayer data) {
    var database = data.database();
    var cache = data.cache();
    var endpoint = database.endpoint();
    ctx.export("databaseEndpoint", endpoint.address());
    ctx.export("databasePort", endpoint.port());
    ctx.export("databaseName", Output.of(endpoint.name()));
    ctx.export("databaseSecretArn", database.masterSecret().arn());
    ctx.export("cacheEndpoint", cache.primaryEndpoint());
    ctx.export("cachePort", Output.of(cache.port()));
    ctx.export("cacheUserId", cache.userId());
    ctx.export("dbAppRoleSecretArn", database.appRoleSecret().arn());
    ctx.export("sessionSecretArn", data.secrets().sessionSecret().arn());
    ctx.export("mediaBucketName", data.media().bucketName());
    ctx.export("mediaBucketArn", data.media().bucketArn());
    var byName = data.secrets().secretArnByEnvName();
    var names = new ArrayList<>(byName.keySet());
    ctx.export(
        "appSecretArns",
        Output.all(List.copyOf(byName.values()))
            .applyValue(
                arns -> {
                  var map = new LinkedHashMap<String, String>();
                  for (int i = 0; i < arns.size(); i++) {
                    map.put(names.get(i), arns.get(i));
                  }
                  return map;
                }));
  }

  private static void platform(Context ctx, StackConfig config, PlatformLayer platform) {
    var lb = platform.loadBalancer();
    var app = platform.app();
    ctx.export("logGroupName", platform.logs().logGroupName());
    ctx.export("publicUrl", lb.publicUrl());
    // What the parent zone's delegation lists (prod's delegatedSubdomains for staging's zone).
    platform.zone().ifPresent(z -> ctx.export("hostedZoneNameServers", z.nameServers()));
    ctx.export("albDnsName", lb.dnsName());
    ctx.export("ecrRepositoryUrl", platform.registry().repositoryUrl());
    ctx.export("ecrRepositoryName", platform.registry().repositoryName());
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
