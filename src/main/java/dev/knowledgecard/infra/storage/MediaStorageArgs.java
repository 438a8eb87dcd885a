package dev.knowledgecard.infra.storage;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.StorageSettings;

/**
 * Inputs of {@link MediaStorage}.
 *
 * @param settings bucket name, CORS origins, lifecycle and access logging
 * @param namePrefix stack-derived prefix of derived bucket names, e.g. {@code
 *     knowledge-card-staging}
 * @param accountId the AWS account id, which makes derived bucket names globally unique
 */
public record MediaStorageArgs(
    StorageSettings settings, String namePrefix, Output<String> accountId) {}
