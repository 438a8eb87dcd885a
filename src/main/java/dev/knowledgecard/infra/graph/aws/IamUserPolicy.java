package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_USER_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/userPolicy:UserPolicy} that the report reads. */
public final class IamUserPolicy {
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(IAM_USER_POLICY, path);
  }

  private IamUserPolicy() {}
}
