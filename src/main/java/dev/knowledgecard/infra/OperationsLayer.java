package dev.knowledgecard.infra;

import dev.knowledgecard.infra.access.DeployAccess;
import dev.knowledgecard.infra.access.DeployAccessArgs;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.access.ImagePublisher;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.guardrails.Guardrails;
import dev.knowledgecard.infra.guardrails.GuardrailsArgs;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.observability.AlarmTopic;
import dev.knowledgecard.infra.observability.AlarmTopicArgs;
import dev.knowledgecard.infra.observability.Monitoring;
import dev.knowledgecard.infra.observability.MonitoringArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * The last layer: alarms and their topic, the budget, the dashboard, and the CI roles, whose
 * policies are assembled from what every component declared it needs to be deployed.
 */
record OperationsLayer(
    AlarmTopic alarmTopic,
    Guardrails guardrails,
    Monitoring monitoring,
    DeployAccess deployAccess,
    ImagePublisher imagePublisher) {

  static OperationsLayer create(
      StackConfig config, Foundation base, DataLayer data, PlatformLayer platform) {
    var context = base.context();
    var stack = context.stack();
    var options = base.options();
    var alarms = config.alarms();
    var alarmTopic =
        new AlarmTopic(
            stack + "-alarms",
            new AlarmTopicArgs(alarms.emails(), alarms.webhookUrl()),
            context,
            options);
    var guardrails =
        new Guardrails(
            stack + "-guardrails",
            new GuardrailsArgs(
                config.budget(), alarmTopic.topicArn(), config.access().ownsAccountResources()),
            context,
            options);
    var app = platform.app();
    var lb = platform.loadBalancer();
    var database = data.database();
    var cache = data.cache();
    var monitoring =
        new Monitoring(
            stack + "-monitoring",
            MonitoringArgs.builder()
                .topicArn(alarmTopic.topicArn())
                .thresholds(alarms)
                .clusterName(app.clusterName())
                .serviceName(app.serviceName())
                .loadBalancerArnSuffix(lb.loadBalancerArnSuffix())
                .targetGroupArnSuffix(lb.targetGroupArnSuffix())
                .databaseIdentifier(database.instanceIdentifier())
                .databaseArn(database.instanceArn())
                .cacheMembers(cache.memberClusterIds(), config.cache().nodes())
                .natGroupNames(base.network().natGroupNames())
                .build(),
            context,
            options);

    // Last: the CI policies are assembled from what every component declared.
    var needs = new ArrayList<DeployNeeds>();
    needs.addAll(base.deployNeeds());
    needs.addAll(data.deployNeeds());
    needs.addAll(platform.deployNeeds(stack));
    needs.addAll(
        List.of(
            alarmTopic.deployNeeds(),
            guardrails.deployNeeds(),
            monitoring.deployNeeds(),
            DeployAccess.deployNeeds(stack + "-deploy-access"),
            ImagePublisher.deployNeeds(stack + "-image-publisher")));
    var deployAccess =
        new DeployAccess(
            stack + "-deploy-access",
            new DeployAccessArgs(config.access(), base.boundary().confinement(), needs),
            context,
            options);
    var publisherGrants = new RoleGrants();
    platform.registry().grantPublish(publisherGrants, config.access().imageSourceRepositoryArn());
    var imagePublisher =
        new ImagePublisher(
            stack + "-image-publisher", deployAccess.imagePublisherArgs(publisherGrants), options);
    return new OperationsLayer(alarmTopic, guardrails, monitoring, deployAccess, imagePublisher);
  }
}
