package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE_PROFILE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:iam/instanceProfile:InstanceProfile} that the report reads. */
public final class InstanceProfile {
  public static final Prop ROLE = input("role");

  private static Prop input(String path) {
    return Prop.of(INSTANCE_PROFILE, path);
  }

  private InstanceProfile() {}
}
