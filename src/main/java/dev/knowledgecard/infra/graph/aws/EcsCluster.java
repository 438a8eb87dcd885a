package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECS_CLUSTER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecs/cluster:Cluster} that the report reads. */
public final class EcsCluster {
  public static final Prop SETTINGS = input("settings");
  public static final Prop SETTINGS_NAME = SETTINGS.field("name");
  public static final Prop SETTINGS_VALUE = SETTINGS.field("value");

  private static Prop input(String path) {
    return Prop.of(ECS_CLUSTER, path);
  }

  private EcsCluster() {}
}
