package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE_POLICY_ATTACHMENT;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:iam/rolePolicyAttachment:RolePolicyAttachment} that the report reads.
 */
public final class RolePolicyAttachment {
  public static final Prop POLICY_ARN = input("policyArn");
  public static final Prop ROLE = input("role");

  private static Prop input(String path) {
    return Prop.of(IAM_ROLE_POLICY_ATTACHMENT, path);
  }

  private RolePolicyAttachment() {}
}
