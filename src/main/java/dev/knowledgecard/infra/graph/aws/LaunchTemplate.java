package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAUNCH_TEMPLATE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/launchTemplate:LaunchTemplate} that the report reads. */
public final class LaunchTemplate {
  public static final Prop BLOCK_DEVICE_MAPPINGS = Prop.of(LAUNCH_TEMPLATE, "blockDeviceMappings");
  public static final Prop BLOCK_DEVICE_MAPPINGS_DEVICE_NAME =
      BLOCK_DEVICE_MAPPINGS.field("deviceName");
  public static final Prop BLOCK_DEVICE_MAPPINGS_EBS = BLOCK_DEVICE_MAPPINGS.field("ebs");
  public static final Prop BLOCK_DEVICE_MAPPINGS_EBS_ENCRYPTED =
      BLOCK_DEVICE_MAPPINGS_EBS.field("encrypted");
  public static final Prop BLOCK_DEVICE_MAPPINGS_EBS_VOLUME_SIZE =
      BLOCK_DEVICE_MAPPINGS.field("ebs.volumeSize");
  public static final Prop BLOCK_DEVICE_MAPPINGS_EBS_VOLUME_TYPE =
      BLOCK_DEVICE_MAPPINGS.field("ebs.volumeType");
  public static final Prop IAM_INSTANCE_PROFILE_ARN =
      Prop.of(LAUNCH_TEMPLATE, "iamInstanceProfile.arn");
  public static final Prop INSTANCE_TYPE = Prop.of(LAUNCH_TEMPLATE, "instanceType");
  public static final Prop METADATA_OPTIONS_HTTP_TOKENS =
      Prop.of(LAUNCH_TEMPLATE, "metadataOptions.httpTokens");
  public static final Prop NETWORK_INTERFACES = Prop.of(LAUNCH_TEMPLATE, "networkInterfaces");
  public static final Prop NETWORK_INTERFACES_ASSOCIATE_PUBLIC_IP_ADDRESS =
      NETWORK_INTERFACES.field("associatePublicIpAddress");
  public static final Prop NETWORK_INTERFACES_DEVICE_INDEX =
      NETWORK_INTERFACES.field("deviceIndex");
  public static final Prop NETWORK_INTERFACES_NETWORK_INTERFACE_ID =
      NETWORK_INTERFACES.field("networkInterfaceId");

  private LaunchTemplate() {}
}
