package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_GROUP_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/groupPolicy:GroupPolicy} that the report reads. */
public final class IamGroupPolicy {
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(IAM_GROUP_POLICY, path);
  }

  private IamGroupPolicy() {}
}
