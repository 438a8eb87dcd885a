package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.RoleGrants;
import java.util.Objects;

/**
 * Inputs of {@link ImagePublisher}; {@link DeployAccess#imagePublisherArgs} builds them from the
 * stack's access settings. Every input is required.
 *
 * @param oidcProviderArn the GitHub OIDC provider the role trusts
 * @param repository the GitHub repository ({@code owner/name})
 * @param environment the stack's GitHub environment in it
 * @param ciPath the IAM path of the CI roles
 * @param grants what the image repository granted the role ({@code registry.grantPublish(grants,
 *     ...)}); not empty
 */
public record ImagePublisherArgs(
    Output<String> oidcProviderArn,
    String repository,
    String environment,
    String ciPath,
    RoleGrants grants) {

  public ImagePublisherArgs {
    Objects.requireNonNull(oidcProviderArn, "oidcProviderArn");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(environment, "environment");
    // Two strings: swapped, they would make a trust policy nobody can assume. A repository is
    // owner/name; an environment name has no slash (AccessSettings checks both formats).
    if (!repository.contains("/") || environment.contains("/")) {
      throw new IllegalArgumentException(
          "ImagePublisherArgs takes the repository (owner/name), then the environment; got "
              + repository
              + ", "
              + environment);
    }
    Objects.requireNonNull(ciPath, "ciPath");
    Objects.requireNonNull(grants, "grants");
    if (grants.isEmpty()) {
      throw new IllegalArgumentException("ImagePublisherArgs.grants: the registry granted nothing");
    }
  }
}
