package dev.knowledgecard.infra.storage;

import dev.knowledgecard.infra.config.StorageSettings;

/**
 * Inputs of {@link MediaStorage}; derived bucket names come from the stack context.
 *
 * @param settings bucket name (default {@code <prefix>-media-<account>}), CORS origins, lifecycle
 *     and access logging
 */
public record MediaStorageArgs(StorageSettings settings) {}
