package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import java.util.Objects;
import java.util.Optional;

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
  private final Output<String> repositoryArn;
  private final Optional<Output<String>> sourceRepositoryArn;

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
    this.repositoryArn = Objects.requireNonNull(b.repositoryArn, "repositoryArn");
    this.sourceRepositoryArn = b.sourceRepositoryArn;
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

  Output<String> repositoryArn() {
    return repositoryArn;
  }

  Optional<Output<String>> sourceRepositoryArn() {
    return sourceRepositoryArn;
  }

  /** Collects the inputs. */
  public static final class Builder {
    private Output<String> oidcProviderArn;
    private String githubRepository;
    private String githubEnvironment;
    private String ciPath;
    private Output<String> repositoryArn;
    private Optional<Output<String>> sourceRepositoryArn = Optional.empty();

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

    /** The stack's ECR repository, the only one it may push to. */
    public Builder repositoryArn(Output<String> arn) {
      this.repositoryArn = arn;
      return this;
    }

    /**
     * A repository it may pull from to promote an image by digest (prod: staging's repository); its
     * repository policy must allow this role when it is in another account.
     *
     * @default none: no promotion source
     */
    public Builder sourceRepositoryArn(Output<String> arn) {
      this.sourceRepositoryArn = Optional.of(arn);
      return this;
    }

    public ImagePublisherArgs build() {
      return new ImagePublisherArgs(this);
    }
  }
}
