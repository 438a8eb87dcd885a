package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.KMS_KEY;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:kms/key:Key} that the report reads. */
public final class KmsKey {
  public static final Prop CUSTOMER_MASTER_KEY_SPEC = input("customerMasterKeySpec");
  public static final Prop ENABLE_KEY_ROTATION = input("enableKeyRotation");

  private static Prop input(String path) {
    return Prop.of(KMS_KEY, path);
  }

  private KmsKey() {}
}
