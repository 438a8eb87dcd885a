package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/instance:Instance} that the report reads. */
public final class Ec2Instance {
  public static final Prop ASSOCIATE_PUBLIC_IP_ADDRESS =
      Prop.of(INSTANCE, "associatePublicIpAddress");
  public static final Prop IAM_INSTANCE_PROFILE = Prop.of(INSTANCE, "iamInstanceProfile");
  public static final Prop METADATA_OPTIONS_HTTP_TOKENS =
      Prop.of(INSTANCE, "metadataOptions.httpTokens");
  public static final Prop NETWORK_INTERFACES = Prop.of(INSTANCE, "networkInterfaces");
  public static final Prop ROOT_BLOCK_DEVICE_ENCRYPTED =
      Prop.of(INSTANCE, "rootBlockDevice.encrypted");
  public static final Prop SOURCE_DEST_CHECK = Prop.of(INSTANCE, "sourceDestCheck");

  private Ec2Instance() {}
}
