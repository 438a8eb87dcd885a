package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ec2/instance:Instance} that the report reads. */
public final class Ec2Instance {
  public static final Prop ASSOCIATE_PUBLIC_IP_ADDRESS = input("associatePublicIpAddress");
  public static final Prop IAM_INSTANCE_PROFILE = input("iamInstanceProfile");
  public static final Prop HTTP_TOKENS = input("metadataOptions.httpTokens");
  public static final Prop NETWORK_INTERFACES = input("networkInterfaces");
  public static final Prop ROOT_BLOCK_DEVICE_ENCRYPTED = input("rootBlockDevice.encrypted");
  public static final Prop SOURCE_DEST_CHECK = input("sourceDestCheck");

  private static Prop input(String path) {
    return Prop.of(INSTANCE, path);
  }

  private Ec2Instance() {}
}
