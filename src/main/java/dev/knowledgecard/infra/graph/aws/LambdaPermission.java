package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_PERMISSION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lambda/permission:Permission} that the report reads. */
public final class LambdaPermission {
  public static final Prop PRINCIPAL = input("principal");
  public static final Prop SOURCE_ACCOUNT = input("sourceAccount");
  public static final Prop SOURCE_ARN = input("sourceArn");

  private static Prop input(String path) {
    return Prop.of(LAMBDA_PERMISSION, path);
  }

  private LambdaPermission() {}
}
