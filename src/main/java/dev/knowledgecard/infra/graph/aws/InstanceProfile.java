package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE_PROFILE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/instanceProfile:InstanceProfile} that the report reads. */
public final class InstanceProfile {
  public static final Prop ROLE = Prop.of(INSTANCE_PROFILE, "role");

  private InstanceProfile() {}
}
