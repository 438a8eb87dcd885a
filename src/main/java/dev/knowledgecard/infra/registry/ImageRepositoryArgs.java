package dev.knowledgecard.infra.registry;

import dev.knowledgecard.infra.config.RegistrySettings;

/**
 * Inputs of {@link ImageRepository}.
 *
 * @param repositoryName the repository's name, e.g. {@code knowledge-card-staging/app}: stack-
 *     derived so that two stacks in one account never collide
 * @param settings lifecycle: untagged expiry and how many tagged images to keep
 */
public record ImageRepositoryArgs(String repositoryName, RegistrySettings settings) {}
