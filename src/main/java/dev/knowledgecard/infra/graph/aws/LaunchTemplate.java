package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAUNCH_TEMPLATE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/launchTemplate:LaunchTemplate} that the report reads. */
public final class LaunchTemplate {
  public static final Prop BLOCK_DEVICE_MAPPINGS = input("blockDeviceMappings");
  public static final Prop MAPPING_DEVICE_NAME = BLOCK_DEVICE_MAPPINGS.field("deviceName");
  public static final Prop MAPPING_EBS = BLOCK_DEVICE_MAPPINGS.field("ebs");
  public static final Prop MAPPING_EBS_ENCRYPTED = BLOCK_DEVICE_MAPPINGS.field("ebs.encrypted");
  public static final Prop MAPPING_VOLUME_SIZE = BLOCK_DEVICE_MAPPINGS.field("ebs.volumeSize");
  public static final Prop MAPPING_VOLUME_TYPE = BLOCK_DEVICE_MAPPINGS.field("ebs.volumeType");
  public static final Prop IAM_INSTANCE_PROFILE_ARN = input("iamInstanceProfile.arn");
  public static final Prop INSTANCE_TYPE = input("instanceType");
  public static final Prop HTTP_TOKENS = input("metadataOptions.httpTokens");
  public static final Prop NETWORK_INTERFACES = input("networkInterfaces");
  public static final Prop INTERFACE_PUBLIC_IP =
      NETWORK_INTERFACES.field("associatePublicIpAddress");
  public static final Prop INTERFACE_DEVICE_INDEX = NETWORK_INTERFACES.field("deviceIndex");
  public static final Prop INTERFACE_ID = NETWORK_INTERFACES.field("networkInterfaceId");

  private static Prop input(String path) {
    return Prop.of(LAUNCH_TEMPLATE, path);
  }

  private LaunchTemplate() {}
}
