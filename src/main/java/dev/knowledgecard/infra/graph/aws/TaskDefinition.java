package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.TASK_DEFINITION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecs/taskDefinition:TaskDefinition} that the report reads. */
public final class TaskDefinition {
  public static final Prop CONTAINER_DEFINITIONS = Prop.of(TASK_DEFINITION, "containerDefinitions");
  public static final Prop CPU = Prop.of(TASK_DEFINITION, "cpu");
  public static final Prop FAMILY = Prop.of(TASK_DEFINITION, "family");
  public static final Prop MEMORY = Prop.of(TASK_DEFINITION, "memory");
  public static final Prop NETWORK_MODE = Prop.of(TASK_DEFINITION, "networkMode");
  public static final Prop PID_MODE = Prop.of(TASK_DEFINITION, "pidMode");
  public static final Prop RUNTIME_PLATFORM_CPU_ARCHITECTURE =
      Prop.of(TASK_DEFINITION, "runtimePlatform.cpuArchitecture");

  private TaskDefinition() {}
}
