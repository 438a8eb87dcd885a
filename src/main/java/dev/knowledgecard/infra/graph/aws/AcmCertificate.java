package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ACM_CERTIFICATE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:acm/certificate:Certificate} that the report reads. */
public final class AcmCertificate {
  public static final Prop KEY_ALGORITHM = input("keyAlgorithm");
  public static final Prop VALIDATION_METHOD = input("validationMethod");

  private static Prop input(String path) {
    return Prop.of(ACM_CERTIFICATE, path);
  }

  private AcmCertificate() {}
}
