package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECR_LIFECYCLE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecr/lifecyclePolicy:LifecyclePolicy} that the report reads. */
public final class EcrLifecyclePolicy {
  public static final Prop REPOSITORY = input("repository");

  private static Prop input(String path) {
    return Prop.of(ECR_LIFECYCLE, path);
  }

  private EcrLifecyclePolicy() {}
}
