package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_GROUP_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/groupPolicy:GroupPolicy} that the report reads. */
public final class IamGroupPolicy {
  public static final Prop POLICY = Prop.of(IAM_GROUP_POLICY, "policy");

  private IamGroupPolicy() {}
}
