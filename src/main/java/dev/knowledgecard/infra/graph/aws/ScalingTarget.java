package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SCALING_TARGET;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:appautoscaling/target:Target} that the report reads. */
public final class ScalingTarget {
  public static final Prop MIN_CAPACITY = input("minCapacity");
  public static final Prop RESOURCE_ID = input("resourceId");

  private static Prop input(String path) {
    return Prop.of(SCALING_TARGET, path);
  }

  private ScalingTarget() {}
}
