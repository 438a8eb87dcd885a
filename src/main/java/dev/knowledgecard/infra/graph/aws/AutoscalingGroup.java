package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.AUTOSCALING_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:autoscaling/group:Group} that the report reads. */
public final class AutoscalingGroup {
  public static final Prop AVAILABILITY_ZONES = Prop.of(AUTOSCALING_GROUP, "availabilityZones");
  public static final Prop DESIRED_CAPACITY = Prop.of(AUTOSCALING_GROUP, "desiredCapacity");
  public static final Prop LAUNCH_CONFIGURATION = Prop.of(AUTOSCALING_GROUP, "launchConfiguration");
  public static final Prop LAUNCH_TEMPLATE = Prop.of(AUTOSCALING_GROUP, "launchTemplate");
  public static final Prop LAUNCH_TEMPLATE_ID = Prop.of(AUTOSCALING_GROUP, "launchTemplate.id");
  public static final Prop MIN_SIZE = Prop.of(AUTOSCALING_GROUP, "minSize");
  public static final Prop MIXED_TEMPLATE_SPECIFICATION =
      Prop.of(AUTOSCALING_GROUP, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification");
  public static final Prop MIXED_TEMPLATE_ID =
      MIXED_TEMPLATE_SPECIFICATION.field("launchTemplateId");
  public static final Prop MIXED_OVERRIDES =
      Prop.of(AUTOSCALING_GROUP, "mixedInstancesPolicy.launchTemplate.overrides");
  public static final Prop MIXED_OVERRIDES_INSTANCE_REQUIREMENTS =
      MIXED_OVERRIDES.field("instanceRequirements");
  public static final Prop MIXED_OVERRIDES_INSTANCE_TYPE = MIXED_OVERRIDES.field("instanceType");
  public static final Prop VPC_ZONE_IDENTIFIERS = Prop.of(AUTOSCALING_GROUP, "vpcZoneIdentifiers");

  private AutoscalingGroup() {}
}
