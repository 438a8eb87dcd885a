package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.AUTOSCALING_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:autoscaling/group:Group} that the report reads. */
public final class AutoscalingGroup {
  public static final Prop AVAILABILITY_ZONES = input("availabilityZones");
  public static final Prop DESIRED_CAPACITY = input("desiredCapacity");
  public static final Prop LAUNCH_CONFIGURATION = input("launchConfiguration");
  public static final Prop LAUNCH_TEMPLATE = input("launchTemplate");
  public static final Prop LAUNCH_TEMPLATE_ID = input("launchTemplate.id");
  public static final Prop MIN_SIZE = input("minSize");
  public static final Prop MIXED_TEMPLATE_SPECIFICATION =
      input("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification");
  public static final Prop MIXED_TEMPLATE_ID =
      MIXED_TEMPLATE_SPECIFICATION.field("launchTemplateId");
  public static final Prop MIXED_OVERRIDES = input("mixedInstancesPolicy.launchTemplate.overrides");
  public static final Prop OVERRIDE_INSTANCE_REQUIREMENTS =
      MIXED_OVERRIDES.field("instanceRequirements");
  public static final Prop OVERRIDE_INSTANCE_TYPE = MIXED_OVERRIDES.field("instanceType");
  public static final Prop VPC_ZONE_IDENTIFIERS = input("vpcZoneIdentifiers");

  private static Prop input(String path) {
    return Prop.of(AUTOSCALING_GROUP, path);
  }

  private AutoscalingGroup() {}
}
