package dev.knowledgecard.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.RoleGrants;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePublisherArgsTest {
  private static ImagePublisherArgs args(String repository, String environment, RoleGrants grants) {
    return new ImagePublisherArgs(
        Output.of("arn:aws:iam::123456789012:oidc-provider/github"),
        repository,
        environment,
        "/knowledge-card-ci/prod/",
        grants);
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
    var built = args("acme/knowledge-card", "prod", pushGrant());
    assertEquals("acme/knowledge-card", built.repository());
    assertEquals("prod", built.environment());
  }

  @Test
  void aPublisherTheRegistryGrantedNothingIsRejected() {
    var thrown =
        assertThrows(
            IllegalArgumentException.class,
            () -> args("acme/knowledge-card", "prod", new RoleGrants()));
    assertEquals("ImagePublisherArgs.grants: the registry granted nothing", thrown.getMessage());
  }

  @Test
  void swappedRepositoryAndEnvironmentAreRejected() {
    var thrown =
        assertThrows(
            IllegalArgumentException.class, () -> args("prod", "acme/knowledge-card", pushGrant()));
    assertEquals(
        "ImagePublisherArgs takes the repository (owner/name), then the environment; got"
            + " prod, acme/knowledge-card",
        thrown.getMessage());
  }
}
