package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_USER_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/userPolicy:UserPolicy} that the report reads. */
public final class IamUserPolicy {
  public static final Prop POLICY = Prop.of(IAM_USER_POLICY, "policy");

  private IamUserPolicy() {}
}
