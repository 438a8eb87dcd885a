package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ECR_REPOSITORY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:ecr/repository:Repository} that the report reads. */
public final class EcrRepository {
  public static final Prop IMAGE_SCANNING_CONFIGURATION_SCAN_ON_PUSH =
      Prop.of(ECR_REPOSITORY, "imageScanningConfiguration.scanOnPush");
  public static final Prop IMAGE_TAG_MUTABILITY = Prop.of(ECR_REPOSITORY, "imageTagMutability");

  private EcrRepository() {}
}
