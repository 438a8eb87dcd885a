package dev.knowledgecard.infra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.config.RegistrySettings;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DO-4: the private repository, scanned, immutable, encrypted, with a lifecycle policy. */
class ImageRepositoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "aws:ecr/repository:Repository";

  private static OfflineEngine.Result run(RegistrySettings settings) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx ->
            new ImageRepository(
                "reg", new ImageRepositoryArgs(settings), ComponentInputs.context(), null));
  }

  @Test
  @DisplayName("repository scans on push, has immutable tags, is encrypted and never force-deleted")
  void repositoryIsScannedImmutableEncrypted() {
    var repo = run(new RegistrySettings(7, 20, List.of())).graph().named(REPO, "reg-repo");
    assertEquals("knowledge-card-test/app", repo.prop("name").asText());
    assertTrue(repo.prop("imageScanningConfiguration.scanOnPush").asBoolean(), "ECR.1");
    assertEquals("IMMUTABLE", repo.prop("imageTagMutability").asText(), "ECR.2");
    assertEquals(
        "AES256", repo.prop("encryptionConfigurations").get(0).path("encryptionType").asText());
    assertFalse(repo.prop("forceDelete").asBoolean(true), "images survive a stack removal");
  }

  @Test
  @DisplayName(
      "only configured pull roles open the repository to another account, and only to pull")
  void repositoryPolicyOnlyForConfiguredPullRoles() throws Exception {
    var policy = "aws:ecr/repositoryPolicy:RepositoryPolicy";
    assertEquals(
        List.of(), run(new RegistrySettings(7, 20, List.of())).graph().ofType(policy), "private");
    var roles =
        List.of(
            "arn:aws:iam::444455556666:role/ci/prod/publisher-*",
            "arn:aws:iam::777788889999:role/sandbox");
    var graph = run(new RegistrySettings(7, 20, roles)).graph();
    var doc = JSON.readTree(graph.named(policy, "reg-pull-policy").prop("policy").asText());
    var statement = doc.path("Statement").get(0);
    assertEquals(
        List.of("arn:aws:iam::444455556666:root", "arn:aws:iam::777788889999:root"),
        Policies.values(statement.path("Principal"), "AWS"));
    assertEquals(
        roles, Policies.values(statement.path("Condition").path("ArnLike"), "aws:PrincipalArn"));
    // Pulling only: every action reads (no push, upload, delete, tag or policy change).
    var actions = Policies.values(statement, "Action");
    assertTrue(actions.contains("ecr:BatchGetImage"), "cannot pull: " + actions);
    for (var action : actions) {
      assertTrue(
          action.matches("ecr:(BatchGet|BatchCheck|Get|Describe|List)[A-Za-z]*"),
          action + " is not a read");
    }
  }

  @Test
  @DisplayName("lifecycle policy expires untagged images after N days and keeps the last M tagged")
  void lifecyclePolicyFollowsSettings() throws Exception {
    var graph = run(new RegistrySettings(3, 42, List.of())).graph();
    var policy = graph.named("aws:ecr/lifecyclePolicy:LifecyclePolicy", "reg-lifecycle");
    assertEquals("knowledge-card-test/app", policy.prop("repository").asText());
    var rules = JSON.readTree(policy.prop("policy").asText()).path("rules");
    assertEquals(2, rules.size());
    var untagged = rules.get(0);
    assertEquals(1, untagged.path("rulePriority").asInt());
    assertEquals("untagged", untagged.path("selection").path("tagStatus").asText());
    assertEquals("sinceImagePushed", untagged.path("selection").path("countType").asText());
    assertEquals("days", untagged.path("selection").path("countUnit").asText());
    assertEquals(3, untagged.path("selection").path("countNumber").asInt());
    assertEquals("expire", untagged.path("action").path("type").asText());
    var tagged = rules.get(1);
    assertEquals("tagged", tagged.path("selection").path("tagStatus").asText());
    assertEquals("*", tagged.path("selection").path("tagPatternList").get(0).asText());
    assertEquals("imageCountMoreThan", tagged.path("selection").path("countType").asText());
    assertEquals(42, tagged.path("selection").path("countNumber").asInt());
    assertEquals("expire", tagged.path("action").path("type").asText());
  }

  @ParameterizedTest(
      name = "{0}: repository URL is <account>.dkr.ecr.<region>.amazonaws.com/<name>")
  @ValueSource(strings = {"staging", "prod"})
  void committedStacksExportTheRepository(String stack) {
    var result = StackFixture.committedStack(stack);
    var name = "knowledge-card-" + stack + "/app";
    assertEquals(name, result.outputs().get("ecrRepositoryName"));
    assertEquals(
        StackFixture.accountId(stack) + ".dkr.ecr.us-east-1.amazonaws.com/" + name,
        result.outputs().get("ecrRepositoryUrl"));
    assertEquals(name, result.graph().named(REPO, stack + "-registry-repo").prop("name").asText());
  }

  @Test
  @DisplayName("the repository grants both execution roles pulling its images, nothing else")
  void repositoryGrantsExecutionRolesPull() {
    var g = StackFixture.committedStack("prod").graph();
    var repo = g.named(REPO, "prod-registry-repo");
    for (var role : List.of("prod-app-execution", "prod-app-migration-execution")) {
      var statements =
          Policies.statements(
              g.named("aws:iam/rolePolicy:RolePolicy", role + "-image-pull-policy"), "policy");
      assertEquals(1, statements.size(), role);
      assertEquals("PullAppImage", statements.get(0).path("Sid").asText(), role);
      assertEquals(
          ImageRepository.TASK_PULL_ACTIONS, Policies.values(statements.get(0), "Action"), role);
      assertEquals(List.of(repo.arn()), Policies.values(statements.get(0), "Resource"), role);
    }
  }

  @Test
  @DisplayName(
      "the repository grants its publisher pushing here and only reading the promotion source")
  void repositoryGrantsPublisherPushHereAndReadOnlyPromotionSource() {
    var g = StackFixture.committedStack("prod").graph();
    var repo = g.named(REPO, "prod-registry-repo");
    var statements =
        Policies.statements(
            g.named("aws:iam/rolePolicy:RolePolicy", "prod-image-publisher-push"), "policy");
    var bySid = new HashMap<String, JsonNode>();
    statements.forEach(s -> bySid.put(s.path("Sid").asText(), s));
    var push = bySid.get("PushToThisStacksRepository");
    assertEquals(List.of(repo.arn()), Policies.values(push, "Resource"));
    var pushActions = new ArrayList<>(ImageRepository.UPLOAD_ACTIONS);
    pushActions.addAll(ImageRepository.PROMOTION_PULL_ACTIONS);
    assertEquals(pushActions, Policies.values(push, "Action"), "uploads, then the reads, in order");
    var source = bySid.get("PullFromThePromotionSource");
    assertEquals(
        List.of("arn:aws:ecr:us-east-1:111122223333:repository/knowledge-card-staging/app"),
        Policies.values(source, "Resource"));
    assertEquals(ImageRepository.PROMOTION_PULL_ACTIONS, Policies.values(source, "Action"));
    assertEquals(
        List.of("EcrLogin", "PullFromThePromotionSource", "PushToThisStacksRepository"),
        statements.stream().map(s -> s.path("Sid").asText()).sorted().toList(),
        "each statement once");
  }
}
