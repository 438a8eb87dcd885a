package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECR_REPOSITORY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecr/repository:Repository} that the report reads. */
public final class EcrRepository {
  public static final Prop SCAN_ON_PUSH = input("imageScanningConfiguration.scanOnPush");
  public static final Prop IMAGE_TAG_MUTABILITY = input("imageTagMutability");

  private static Prop input(String path) {
    return Prop.of(ECR_REPOSITORY, path);
  }

  private EcrRepository() {}
}
