package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/role:Role} that the report reads. */
public final class IamRole {
  public static final Prop INLINE_POLICIES = input("inlinePolicies");
  public static final Prop INLINE_POLICIES_NAME = INLINE_POLICIES.field("name");
  public static final Prop INLINE_POLICIES_POLICY = INLINE_POLICIES.field("policy");
  public static final Prop MANAGED_POLICY_ARNS = input("managedPolicyArns");

  private static Prop input(String path) {
    return Prop.of(IAM_ROLE, path);
  }

  private IamRole() {}
}
