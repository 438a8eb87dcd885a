package dev.knowledgecard.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.RoleGrants;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePublisherArgsTest {
  private static ImagePublisherArgs.Builder args(String repository, String environment) {
    return ImagePublisherArgs.builder()
        .oidcProviderArn(Output.of("arn:aws:iam::123456789012:oidc-provider/github"))
        .github(repository, environment)
        .ciPath("/knowledge-card-ci/prod/")
        .grants(pushGrant());
  }

  private static RoleGrants pushGrant() {
    var grants = new RoleGrants();
    grants.grant(
        "image-push",
        "Push",
        List.of("ecr:PutImage"),
        List.of(Output.of("arn:aws:ecr:us-east-1:123456789012:repository/app")));
    return grants;
  }

  @Test
  void repositoryAndEnvironmentKeepTheirPlaces() {
    var built = args("acme/knowledge-card", "prod").build();
    assertEquals("acme/knowledge-card", built.repository());
    assertEquals("prod", built.environment());
  }

  @Test
  void aPublisherTheRegistryGrantedNothingIsRejected() {
    var nothing = args("acme/knowledge-card", "prod").grants(new RoleGrants());
    var thrown = assertThrows(IllegalArgumentException.class, nothing::build);
    assertEquals("ImagePublisherArgs.grants: the registry granted nothing", thrown.getMessage());
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
