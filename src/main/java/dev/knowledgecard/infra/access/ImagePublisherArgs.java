package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;

/**
 * Inputs of {@link ImagePublisher}; build them with {@link DeployAccess#imagePublisherArgs}.
 *
 * @param oidcProviderArn the GitHub OIDC provider
 * @param repository the GitHub repository, owner/name
 * @param environment the stack's GitHub environment
 * @param ciPath the IAM path of the CI roles
 * @param repositoryArn the stack's ECR repository, the only one it may push to
 */
public record ImagePublisherArgs(
    Output<String> oidcProviderArn,
    String repository,
    String environment,
    String ciPath,
    Output<String> repositoryArn) {}
