package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_FUNCTION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lambda/function:Function} that the report reads. */
public final class LambdaFunction {
  public static final Prop ARCHITECTURES = input("architectures");
  public static final Prop MEMORY_SIZE = input("memorySize");
  public static final Prop PACKAGE_TYPE = input("packageType");
  public static final Prop RUNTIME = input("runtime");
  public static final Prop VPC_CONFIG_SECURITY_GROUP_IDS = input("vpcConfig.securityGroupIds");
  public static final Prop VPC_CONFIG_SUBNET_IDS = input("vpcConfig.subnetIds");

  private static Prop input(String path) {
    return Prop.of(LAMBDA_FUNCTION, path);
  }

  private LambdaFunction() {}
}
