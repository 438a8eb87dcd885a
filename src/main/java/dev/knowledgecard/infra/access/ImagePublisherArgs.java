package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import java.util.Optional;

/**
 * Inputs of {@link ImagePublisher}; build them with {@link DeployAccess#imagePublisherArgs}.
 *
 * @param oidcProviderArn the GitHub OIDC provider
 * @param repository the GitHub repository, owner/name
 * @param environment the stack's GitHub environment
 * @param ciPath the IAM path of the CI roles
 * @param repositoryArn the stack's ECR repository, the only one it may push to
 * @param sourceRepositoryArn a repository it may pull from to promote an image by digest (prod:
 *     staging's repository); its repository policy must allow this role when it is in another
 *     account
 */
public record ImagePublisherArgs(
    Output<String> oidcProviderArn,
    String repository,
    String environment,
    String ciPath,
    Output<String> repositoryArn,
    Optional<Output<String>> sourceRepositoryArn) {}
