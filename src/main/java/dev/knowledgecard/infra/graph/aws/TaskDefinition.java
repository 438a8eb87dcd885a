package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.TASK_DEFINITION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecs/taskDefinition:TaskDefinition} that the report reads. */
public final class TaskDefinition {
  public static final Prop CONTAINER_DEFINITIONS = input("containerDefinitions");
  public static final Prop CPU = input("cpu");
  public static final Prop FAMILY = input("family");
  public static final Prop MEMORY = input("memory");
  public static final Prop NETWORK_MODE = input("networkMode");
  public static final Prop PID_MODE = input("pidMode");
  public static final Prop CPU_ARCHITECTURE = input("runtimePlatform.cpuArchitecture");

  private static Prop input(String path) {
    return Prop.of(TASK_DEFINITION, path);
  }

  private TaskDefinition() {}
}
