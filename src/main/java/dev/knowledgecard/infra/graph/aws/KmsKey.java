package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.KMS_KEY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:kms/key:Key} that the report reads. */
public final class KmsKey {
  public static final Prop CUSTOMER_MASTER_KEY_SPEC = Prop.of(KMS_KEY, "customerMasterKeySpec");
  public static final Prop ENABLE_KEY_ROTATION = Prop.of(KMS_KEY, "enableKeyRotation");

  private KmsKey() {}
}
