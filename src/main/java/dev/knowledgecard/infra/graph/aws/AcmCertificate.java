package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.ACM_CERTIFICATE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:acm/certificate:Certificate} that the report reads. */
public final class AcmCertificate {
  public static final Prop KEY_ALGORITHM = Prop.of(ACM_CERTIFICATE, "keyAlgorithm");
  public static final Prop VALIDATION_METHOD = Prop.of(ACM_CERTIFICATE, "validationMethod");

  private AcmCertificate() {}
}
