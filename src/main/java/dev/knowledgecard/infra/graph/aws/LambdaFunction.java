package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_FUNCTION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lambda/function:Function} that the report reads. */
public final class LambdaFunction {
  public static final Prop ARCHITECTURES = Prop.of(LAMBDA_FUNCTION, "architectures");
  public static final Prop MEMORY_SIZE = Prop.of(LAMBDA_FUNCTION, "memorySize");
  public static final Prop PACKAGE_TYPE = Prop.of(LAMBDA_FUNCTION, "packageType");
  public static final Prop RUNTIME = Prop.of(LAMBDA_FUNCTION, "runtime");
  public static final Prop VPC_CONFIG_SECURITY_GROUP_IDS =
      Prop.of(LAMBDA_FUNCTION, "vpcConfig.securityGroupIds");
  public static final Prop VPC_CONFIG_SUBNET_IDS = Prop.of(LAMBDA_FUNCTION, "vpcConfig.subnetIds");

  private LambdaFunction() {}
}
