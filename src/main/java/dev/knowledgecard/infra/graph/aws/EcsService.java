package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECS_SERVICE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecs/service:Service} that the report reads. */
public final class EcsService {
  public static final Prop CAPACITY_PROVIDER_STRATEGIES = input("capacityProviderStrategies");
  public static final Prop CLUSTER = input("cluster");
  public static final Prop DESIRED_COUNT = input("desiredCount");
  public static final Prop LAUNCH_TYPE = input("launchType");
  public static final Prop ASSIGN_PUBLIC_IP = input("networkConfiguration.assignPublicIp");
  public static final Prop SUBNETS = input("networkConfiguration.subnets");
  public static final Prop PLATFORM_VERSION = input("platformVersion");
  public static final Prop TASK_DEFINITION = input("taskDefinition");

  private static Prop input(String path) {
    return Prop.of(ECS_SERVICE, path);
  }

  private EcsService() {}
}
