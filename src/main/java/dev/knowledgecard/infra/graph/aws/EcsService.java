package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECS_SERVICE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecs/service:Service} that the report reads. */
public final class EcsService {
  public static final Prop CAPACITY_PROVIDER_STRATEGIES =
      Prop.of(ECS_SERVICE, "capacityProviderStrategies");
  public static final Prop CLUSTER = Prop.of(ECS_SERVICE, "cluster");
  public static final Prop DESIRED_COUNT = Prop.of(ECS_SERVICE, "desiredCount");
  public static final Prop LAUNCH_TYPE = Prop.of(ECS_SERVICE, "launchType");
  public static final Prop NETWORK_CONFIGURATION_ASSIGN_PUBLIC_IP =
      Prop.of(ECS_SERVICE, "networkConfiguration.assignPublicIp");
  public static final Prop NETWORK_CONFIGURATION_SUBNETS =
      Prop.of(ECS_SERVICE, "networkConfiguration.subnets");
  public static final Prop PLATFORM_VERSION = Prop.of(ECS_SERVICE, "platformVersion");
  public static final Prop TASK_DEFINITION = Prop.of(ECS_SERVICE, "taskDefinition");

  private EcsService() {}
}
