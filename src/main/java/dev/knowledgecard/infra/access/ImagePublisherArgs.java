package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.RoleGrants;
import java.util.Objects;

/**
 * Inputs of {@link ImagePublisher}, set by name; {@link DeployAccess#imagePublisherArgs} builds
 * them from the stack's access settings. Every setter is required unless its Javadoc names a
 * default.
 */
public final class ImagePublisherArgs {
  private final Output<String> oidcProviderArn;
  private final String githubRepository;
  private final String githubEnvironment;
  private final String ciPath;
  private final RoleGrants grants;

  private ImagePublisherArgs(Builder b) {
    this.oidcProviderArn = Objects.requireNonNull(b.oidcProviderArn, "oidcProviderArn");
    this.githubRepository = Objects.requireNonNull(b.githubRepository, "github");
    this.githubEnvironment = Objects.requireNonNull(b.githubEnvironment, "github");
    // Two strings: swapped, they would make a trust policy nobody can assume. A repository is
    // owner/name; an environment name has no slash (AccessSettings checks both formats).
    if (!githubRepository.contains("/") || githubEnvironment.contains("/")) {
      throw new IllegalArgumentException(
          "ImagePublisherArgs.github takes the repository (owner/name), then the environment; got "
              + githubRepository
              + ", "
              + githubEnvironment);
    }
    this.ciPath = Objects.requireNonNull(b.ciPath, "ciPath");
    this.grants = Objects.requireNonNull(b.grants, "grants");
    if (grants.isEmpty()) {
      throw new IllegalArgumentException("ImagePublisherArgs.grants: the registry granted nothing");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  Output<String> oidcProviderArn() {
    return oidcProviderArn;
  }

  String repository() {
    return githubRepository;
  }

  String environment() {
    return githubEnvironment;
  }

  String ciPath() {
    return ciPath;
  }

  RoleGrants grants() {
    return grants;
  }

  /** Collects the inputs. */
  public static final class Builder {
    private Output<String> oidcProviderArn;
    private String githubRepository;
    private String githubEnvironment;
    private String ciPath;
    private RoleGrants grants;

    private Builder() {}

    /** The GitHub OIDC provider the role trusts. */
    public Builder oidcProviderArn(Output<String> arn) {
      this.oidcProviderArn = arn;
      return this;
    }

    /** The GitHub repository ({@code owner/name}) and the stack's environment in it. */
    public Builder github(String repository, String environment) {
      this.githubRepository = repository;
      this.githubEnvironment = environment;
      return this;
    }

    /** The IAM path of the CI roles. */
    public Builder ciPath(String ciPath) {
      this.ciPath = ciPath;
      return this;
    }

    /** What the image repository granted the role ({@code registry.grantPublish(grants, ...)}). */
    public Builder grants(RoleGrants grants) {
      this.grants = grants;
      return this;
    }

    public ImagePublisherArgs build() {
      return new ImagePublisherArgs(this);
    }
  }
}
