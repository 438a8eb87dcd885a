package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/rolePolicy:RolePolicy} that the report reads. */
public final class IamRolePolicy {
  public static final Prop POLICY = Prop.of(IAM_ROLE_POLICY, "policy");

  private IamRolePolicy() {}
}
