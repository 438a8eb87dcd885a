package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/policy:Policy} that the report reads. */
public final class IamPolicy {
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(IAM_POLICY, path);
  }

  private IamPolicy() {}
}
