package dev.knowledgecard.infra.registry;

import dev.knowledgecard.infra.config.RegistrySettings;

/**
 * Inputs of {@link ImageRepository}; the repository is named {@code <project>-<stack>/app}, so two
 * stacks in one account never collide.
 *
 * @param settings lifecycle: untagged expiry and how many tagged images to keep, and who may pull
 */
public record ImageRepositoryArgs(RegistrySettings settings) {}
