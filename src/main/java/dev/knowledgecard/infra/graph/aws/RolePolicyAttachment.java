package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE_POLICY_ATTACHMENT;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The inputs of {@code aws:iam/rolePolicyAttachment:RolePolicyAttachment} that the report reads.
 */
public final class RolePolicyAttachment {
  public static final Prop POLICY_ARN = Prop.of(IAM_ROLE_POLICY_ATTACHMENT, "policyArn");
  public static final Prop ROLE = Prop.of(IAM_ROLE_POLICY_ATTACHMENT, "role");

  private RolePolicyAttachment() {}
}
