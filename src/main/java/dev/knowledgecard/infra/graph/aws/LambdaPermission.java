package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_PERMISSION;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lambda/permission:Permission} that the report reads. */
public final class LambdaPermission {
  public static final Prop PRINCIPAL = Prop.of(LAMBDA_PERMISSION, "principal");
  public static final Prop SOURCE_ACCOUNT = Prop.of(LAMBDA_PERMISSION, "sourceAccount");
  public static final Prop SOURCE_ARN = Prop.of(LAMBDA_PERMISSION, "sourceArn");

  private LambdaPermission() {}
}
