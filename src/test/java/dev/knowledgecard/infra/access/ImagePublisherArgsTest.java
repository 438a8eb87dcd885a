package dev.knowledgecard.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

class ImagePublisherArgsTest {
  private static ImagePublisherArgs.Builder args(String repository, String environment) {
    return ImagePublisherArgs.builder()
        .oidcProviderArn(Output.of("arn:aws:iam::123456789012:oidc-provider/github"))
        .github(repository, environment)
        .ciPath("/knowledge-card-ci/prod/")
        .repositoryArn(Output.of("arn:aws:ecr:us-east-1:123456789012:repository/app"));
  }

  @Test
  void repositoryAndEnvironmentKeepTheirPlaces() {
    var built = args("acme/knowledge-card", "prod").build();
    assertEquals("acme/knowledge-card", built.repository());
    assertEquals("prod", built.environment());
  }

  @Test
  void swappedRepositoryAndEnvironmentAreRejected() {
    var swapped = args("prod", "acme/knowledge-card");
    var thrown = assertThrows(IllegalArgumentException.class, swapped::build);
    assertEquals(
        "ImagePublisherArgs.github takes the repository (owner/name), then the environment; got"
            + " prod, acme/knowledge-card",
        thrown.getMessage());
  }
}
