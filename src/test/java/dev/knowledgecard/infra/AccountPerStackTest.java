package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.synth.OfflineMocks;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One AWS account per stack, and the two places the stacks meet: prod's image publisher pulling
 * staging's tested digest, and prod's zone delegating staging's subdomain. Both stacks are synthed
 * and each side is checked against the other.
 */
class AccountPerStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }

  @Test
  @DisplayName("staging and prod pin two different accounts")
  void stacksPinDifferentAccounts() {
    assertNotEquals(StackFixture.accountId("staging"), StackFixture.accountId("prod"));
  }

  @ParameterizedTest(name = "{0}: the provider allows only the pinned account, every ARN is in it")
  @ValueSource(strings = {"staging", "prod"})
  void everythingIsBuiltInThePinnedAccount(String stack) throws IOException {
    var account = StackFixture.accountId(stack);
    var result = StackFixture.committedStack(stack);
    var provider = result.graph().named("pulumi:providers:aws", stack + "-aws");
    var allowed = provider.prop("allowedAccountIds");
    var ids = allowed.isTextual() ? json(allowed.asText()) : allowed;
    assertEquals(1, ids.size());
    assertEquals(account, ids.get(0).asText());
    var graph = GraphJson.toJson(result.graph(), result.outputs()).toString();
    assertFalse(
        graph.contains(OfflineMocks.ACCOUNT_ID),
        "the synth must use the stack's account, not the offline default");
    assertTrue(
        result.graph().ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").size() == 1,
        "each account owns its GitHub OIDC provider");
  }

  @Test
  @DisplayName(
      "staging's repository lets exactly prod's image publisher pull, and prod pulls from it")
  void promotionSidesAgree() {
    var staging = StackFixture.committedStack("staging");
    var prod = StackFixture.committedStack("prod");
    // The ARN AWS gives staging's repository: its region, staging's account, its name.
    var stagingRepoArn =
        "arn:aws:ecr:"
            + staging.outputs().get("region")
            + ":"
            + StackFixture.accountId("staging")
            + ":repository/"
            + staging.outputs().get("ecrRepositoryName");

    // prod's side: its publisher may pull from staging's repository (and nothing else).
    var publisherPolicy =
        json(
            prod.graph()
                .named("aws:iam/rolePolicy:RolePolicy", "prod-image-publisher-push")
                .prop("policy")
                .asText());
    var pull = new ArrayList<String>();
    publisherPolicy
        .path("Statement")
        .forEach(
            st -> {
              if (st.path("Sid").asText().equals("PullFromThePromotionSource")) {
                pull.addAll(Policies.values(st, "Resource"));
              }
            });
    assertEquals(List.of(stagingRepoArn), pull);

    // staging's side: its repository policy admits prod's account, for prod's publisher role only.
    var prodPublisher = String.valueOf(prod.outputs().get("imagePublisherRoleArn"));
    var repoPolicy =
        json(
            staging
                .graph()
                .named("aws:ecr/repositoryPolicy:RepositoryPolicy", "staging-registry-pull-policy")
                .prop("policy")
                .asText());
    var statement = repoPolicy.path("Statement").get(0);
    assertEquals("Allow", statement.path("Effect").asText());
    assertEquals(
        List.of("arn:aws:iam::" + StackFixture.accountId("prod") + ":root"),
        Policies.values(statement.path("Principal"), "AWS"));
    var patterns = Policies.values(statement.path("Condition").path("ArnLike"), "aws:PrincipalArn");
    assertTrue(
        patterns.stream().anyMatch(p -> globMatches(p, prodPublisher)),
        prodPublisher + " matches none of " + patterns);
    for (var role : List.of("githubDeployRoleArn", "githubPreviewRoleArn", "githubDriftRoleArn")) {
      var arn = String.valueOf(prod.outputs().get(role));
      assertFalse(
          patterns.stream().anyMatch(p -> globMatches(p, arn)), "prod's " + role + " may pull");
    }
    assertTrue(
        Policies.values(statement, "Action").stream()
            .noneMatch(a -> a.contains("Put") || a.contains("*")),
        "pull only: " + statement.path("Action"));
  }

  @Test
  @DisplayName("prod delegates exactly the zone staging owns")
  void delegationSidesAgree() {
    var stagingZone =
        StackFixture.committedStack("staging")
            .graph()
            .named("aws:route53/zone:Zone", "staging-dns-zone")
            .prop("name")
            .asText();
    var delegated =
        StackFixture.committedStack("prod").graph().ofType("aws:route53/record:Record").stream()
            .filter(r -> r.prop("type").asText().equals("NS"))
            .map(r -> r.prop("name").asText())
            .toList();
    assertEquals(List.of(stagingZone), delegated);
  }

  /** IAM's ArnLike: {@code *} matches any run of characters, {@code ?} any one character. */
  private static boolean globMatches(String pattern, String arn) {
    var regex = new StringBuilder();
    for (var c : pattern.toCharArray()) {
      regex.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return arn.matches(regex.toString());
  }
}
