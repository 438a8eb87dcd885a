package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE_POLICY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/rolePolicy:RolePolicy} that the report reads. */
public final class IamRolePolicy {
  public static final Prop POLICY = input("policy");

  private static Prop input(String path) {
    return Prop.of(IAM_ROLE_POLICY, path);
  }

  private IamRolePolicy() {}
}
