package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.SCALING_TARGET;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:appautoscaling/target:Target} that the report reads. */
public final class ScalingTarget {
  public static final Prop MIN_CAPACITY = Prop.of(SCALING_TARGET, "minCapacity");
  public static final Prop RESOURCE_ID = Prop.of(SCALING_TARGET, "resourceId");

  private ScalingTarget() {}
}
