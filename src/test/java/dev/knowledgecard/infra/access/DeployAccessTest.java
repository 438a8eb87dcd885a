package dev.knowledgecard.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.synth.GraphResource;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.ResourceGraph;
import dev.knowledgecard.infra.testing.ConfigChecks;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeployAccessTest {
  private static final String ROLE = "aws:iam/role:Role";
  private static final String AUD = "token.actions.githubusercontent.com:aud";
  private static final String SUB = "token.actions.githubusercontent.com:sub";
  private static final String REPO = "knowledgecard/knowledge-card";
  private static final String ECR_ARN =
      "arn:aws:ecr:us-east-1:123456789012:repository/knowledge-card-prod";
  private static final String STAGING_ECR_ARN =
      "arn:aws:ecr:us-east-1:210987654321:repository/knowledge-card-staging";
  private static final Pattern READ_ACTION =
      Pattern.compile("[a-z0-9-]+:(Get|List|Describe)\\w*\\*?");

  private static ResourceGraph committed(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  private static GraphResource role(ResourceGraph graph, String stack, String suffix) {
    return graph.named(ROLE, stack + "-deploy-access-" + suffix);
  }

  private static JsonNode trust(GraphResource role) {
    var statements = Policies.statements(role, "assumeRolePolicy");
    assertEquals(1, statements.size(), role.name() + " has one trust statement");
    return statements.get(0);
  }

  @Test
  void trustPoliciesPinAudienceRepositoryAndRef() {
    var graph = committed("prod");
    var expected =
        Map.of(
            "preview", List.of("repo:" + REPO + ":pull_request"),
            "drift", List.of("repo:" + REPO + ":ref:refs/heads/main"),
            "deploy",
                List.of(
                    "repo:" + REPO + ":environment:prod", "repo:" + REPO + ":ref:refs/heads/main"));
    expected.forEach(
        (suffix, subjects) -> {
          var trust = trust(role(graph, "prod", suffix));
          assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), Policies.values(trust, "Action"));
          var equals = trust.path("Condition").path("StringEquals");
          assertEquals(
              List.of("sts.amazonaws.com"), Policies.values(equals, AUD), suffix + " audience");
          assertEquals(
              subjects,
              Policies.values(equals, SUB).stream().sorted().toList(),
              suffix + " subjects are exact (StringEquals, no wildcard)");
          assertTrue(
              trust.path("Condition").path("StringLike").isMissingNode(),
              suffix + " has no wildcard subject");
          assertTrue(
              Policies.values(trust.path("Principal"), "Federated")
                  .get(0)
                  .endsWith(":oidc-provider/token.actions.githubusercontent.com"));
        });
  }

  @Test
  void deployRoleTrustsOnlyTheStacksOwnEnvironment() {
    var subjects =
        Policies.values(
            trust(role(committed("staging"), "staging", "deploy"))
                .path("Condition")
                .path("StringEquals"),
            SUB);
    assertTrue(
        subjects.stream().anyMatch(s -> s.startsWith("repo:" + REPO + ":environment:staging")),
        subjects.toString());
    // Another environment (one without staging's or prod's reviewers) is a configuration error.
    ConfigChecks.assertRejected(
        "githubEnvironment",
        StackFixture.run(
            StackFixture.withConfig(
                "staging", Map.of("knowledge-card:githubEnvironment", "staging-eu"))),
        "knowledge-card:githubEnvironment",
        "staging-eu",
        "the stack's own name");
  }

  @Test
  void previewRoleCannotWrite() {
    var graph = committed("prod");
    var preview = role(graph, "prod", "preview");
    var attachments =
        graph.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
            .filter(a -> a.name().startsWith("prod-deploy-access-preview"))
            .map(a -> a.prop("policyArn").asText())
            .toList();
    assertEquals(
        List.of(DeployAccess.READ_ONLY_POLICY_ARN), attachments, "only AWS ReadOnlyAccess");
    var inline =
        graph.ofType("aws:iam/rolePolicy:RolePolicy").stream()
            .filter(p -> p.name().startsWith("prod-deploy-access-preview"))
            .toList();
    assertEquals(1, inline.size());
    for (var statement : Policies.statements(inline.get(0), "policy")) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      for (var action : Policies.values(statement, "Action")) {
        assertTrue(
            READ_ACTION.matcher(action).matches() || action.equals("kms:Decrypt"),
            preview.name() + " may only read, but allows " + action);
      }
    }
    assertTrue(
        Policies.statements(inline.get(0), "policy").stream()
            .anyMatch(
                s ->
                    "Deny".equals(s.path("Effect").asText())
                        && Policies.values(s, "Action").contains("s3:GetObject")
                        && Policies.values(s, "NotResource").get(0).endsWith("/.pulumi/*")),
        "object reads outside the state are denied");
  }

  @Test
  void driftRoleReadsOnlyAndTheStacksOwnSecretValues() {
    var graph = committed("prod");
    var inline = graph.named("aws:iam/rolePolicy:RolePolicy", "prod-deploy-access-drift-state");
    var secretReads =
        Policies.statements(inline, "policy").stream()
            .filter(st -> Policies.values(st, "Action").contains("secretsmanager:GetSecretValue"))
            .toList();
    assertEquals(1, secretReads.size());
    assertEquals(
        List.of(
            "arn:aws:secretsmanager:us-east-1:"
                + StackFixture.accountId("prod")
                + ":secret:knowledge-card-prod/*"),
        Policies.values(secretReads.get(0), "Resource"));
    for (var statement : Policies.statements(inline, "policy")) {
      if ("Allow".equals(statement.path("Effect").asText())) {
        for (var action : Policies.values(statement, "Action")) {
          assertTrue(
              READ_ACTION.matcher(action).matches()
                  || action.equals("kms:Decrypt")
                  || action.equals("secretsmanager:GetSecretValue"),
              "drift role allows " + action);
        }
      }
    }
    var previewPolicy =
        graph.named("aws:iam/rolePolicy:RolePolicy", "prod-deploy-access-preview-state");
    assertTrue(
        Policies.statements(previewPolicy, "policy").stream()
            .noneMatch(
                st -> Policies.values(st, "Action").contains("secretsmanager:GetSecretValue")),
        "pull-request previews never read secret values");
  }

  @Test
  void deployRoleCreatesRolesOnlyOnTheWorkloadPathWithTheBoundary() {
    var graph = committed("prod");
    var boundaryArn = graph.named("aws:iam/policy:Policy", "prod-workload-boundary-policy");
    var statements = deployStatements(graph);
    var create =
        statements.stream()
            .filter(s -> Policies.values(s, "Action").contains("iam:CreateRole"))
            .toList();
    assertEquals(1, create.size(), "one statement allows iam:CreateRole");
    var statement = create.get(0);
    assertEquals("Allow", statement.path("Effect").asText());
    assertTrue(
        Policies.values(statement, "Action")
            .containsAll(List.of("iam:PutRolePolicy", "iam:AttachRolePolicy")));
    assertEquals(
        List.of("arn:aws:iam::" + StackFixture.accountId("prod") + ":role/knowledge-card/prod/*"),
        Policies.values(statement, "Resource"));
    var required =
        Policies.values(
            statement.path("Condition").path("StringEquals"), "iam:PermissionsBoundary");
    assertEquals(1, required.size());
    assertTrue(
        required.get(0).contains(":policy/knowledge-card-ci/prod/" + boundaryArn.name()),
        "boundary condition names the boundary policy, got " + required);
    for (var s : statements) {
      if ("Allow".equals(s.path("Effect").asText())
          && Policies.values(s, "Action").stream()
              .anyMatch(
                  a ->
                      List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy")
                          .contains(a))) {
        assertTrue(
            s.path("Condition").path("StringEquals").has("iam:PermissionsBoundary"), s.toString());
      }
    }
  }

  @Test
  void deployRoleCannotChangeTheBoundaryOrTheCiRoles() {
    var statements = deployStatements(committed("prod"));
    var denies = statements.stream().filter(s -> "Deny".equals(s.path("Effect").asText())).toList();
    assertTrue(
        denies.stream()
            .anyMatch(
                s ->
                    Policies.values(s, "Action").contains("iam:CreatePolicyVersion")
                        && Policies.values(s, "Resource")
                            .get(0)
                            .contains(":policy/knowledge-card-ci/prod/")),
        "boundary policy cannot be edited");
    assertTrue(
        denies.stream()
            .anyMatch(
                s ->
                    Policies.values(s, "Action")
                            .containsAll(
                                List.of(
                                    "iam:UpdateAssumeRolePolicy",
                                    "iam:AttachRolePolicy",
                                    "iam:PutRolePolicy"))
                        && Policies.values(s, "Resource")
                            .equals(
                                List.of(
                                    "arn:aws:iam::"
                                        + StackFixture.accountId("prod")
                                        + ":role/knowledge-card-ci/prod/*"))),
        "CI roles, the deploy role included, cannot be changed");
    var deployArn = role(committed("prod"), "prod", "deploy");
    assertFalse(
        StackFixture.committedStack("prod")
            .outputs()
            .get("githubDeployRoleArn")
            .toString()
            .contains("/knowledge-card/prod/"),
        deployArn.name() + " lives outside the path it may manage");
  }

  @Test
  void deployRoleChangesOnlyTheStacksOwnDnsRecords() {
    var changes =
        deployStatements(committed("prod")).stream()
            .filter(st -> st.path("Action").toString().contains("route53:ChangeResourceRecordSets"))
            .toList();
    assertEquals(1, changes.size(), "one statement may change DNS records");
    var names =
        changes
            .get(0)
            .path("Condition")
            .path("ForAllValues:StringLike")
            .path("route53:ChangeResourceRecordSetsNormalizedRecordNames");
    assertEquals("[\"knowledgecard.app\",\"_*.knowledgecard.app\"]", names.toString());
    assertEquals(
        "[\"A\",\"AAAA\",\"CNAME\"]",
        changes
            .get(0)
            .path("Condition")
            .path("ForAllValues:StringEquals")
            .path("route53:ChangeResourceRecordSetsRecordTypes")
            .toString());
  }

  @Test
  void deployPoliciesFitTheManagedPolicySizeLimit() {
    var graph = committed("prod");
    graph
        .ofType("aws:iam/policy:Policy")
        .forEach(
            p -> {
              var size = p.prop("policy").asText().replaceAll("\\s", "").length();
              assertTrue(size <= 6144, p.name() + " is " + size + " characters, IAM allows 6144");
            });
    assertEquals(
        4,
        graph.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
            .filter(a -> a.name().startsWith("prod-deploy-access-deploy-"))
            .count());
  }

  @Test
  void accountResourcesAreCreatedOnlyByTheOwningStack() {
    var owner = StackFixture.committedStack("prod");
    assertEquals(
        1, owner.graph().ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").size());
    assertTrue(owner.outputs().containsKey("githubOidcProviderArn"));

    var overrides = new HashMap<String, String>();
    overrides.put("knowledge-card:ownsAccountResources", "false");
    var shared =
        StackFixture.succeed(StackFixture.run(StackFixture.withConfig("staging", overrides)));
    assertEquals(
        0, shared.graph().ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").size());
    assertEquals(
        0,
        shared.graph().ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").size());
    assertFalse(shared.outputs().containsKey("githubOidcProviderArn"));
    var trust = trust(role(shared.graph(), "staging", "deploy"));
    assertEquals(
        List.of(
            "arn:aws:iam::"
                + StackFixture.accountId("staging")
                + ":oidc-provider/token.actions.githubusercontent.com"),
        Policies.values(trust.path("Principal"), "Federated"),
        "roles trust the provider the other stack owns");
  }

  @Test
  void imagePublisherPushesOnlyToTheStacksRepository() {
    OfflineEngine.Result result =
        StackFixture.runComponent(
            StackFixture.stackFile("prod"),
            ctx ->
                new ImagePublisher(
                    "prod-image-publisher",
                    new ImagePublisherArgs(
                        Output.of(
                            "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"),
                        REPO,
                        "prod",
                        "/knowledge-card-ci/prod/",
                        Output.of(ECR_ARN),
                        Optional.of(Output.of(STAGING_ECR_ARN))),
                    ComponentResourceOptions.builder().build()));
    var policy = result.graph().named("aws:iam/rolePolicy:RolePolicy", "prod-image-publisher-push");
    for (var s : Policies.statements(policy, "policy")) {
      var actions = Policies.values(s, "Action");
      if (actions.equals(List.of("ecr:GetAuthorizationToken"))) {
        continue;
      }
      if (s.path("Sid").asText().equals("PullFromThePromotionSource")) {
        assertEquals(List.of(STAGING_ECR_ARN), Policies.values(s, "Resource"));
        assertFalse(actions.contains("ecr:PutImage"), "the promotion source is read-only");
        continue;
      }
      assertEquals(List.of(ECR_ARN), Policies.values(s, "Resource"), s.path("Sid").asText());
      assertTrue(actions.contains("ecr:PutImage"));
      actions.forEach(a -> assertTrue(a.startsWith("ecr:") && !a.contains("*"), a));
    }
    var trust = trust(result.graph().named(ROLE, "prod-image-publisher-role"));
    assertEquals(
        List.of("repo:" + REPO + ":environment:prod", "repo:" + REPO + ":ref:refs/heads/main"),
        Policies.values(trust.path("Condition").path("StringEquals"), SUB).stream()
            .sorted()
            .toList());
  }

  private static List<JsonNode> deployStatements(ResourceGraph graph) {
    return graph.ofType("aws:iam/policy:Policy").stream()
        .filter(p -> p.name().startsWith("prod-deploy-access-deploy-"))
        .flatMap(p -> Policies.statements(p, "policy").stream())
        .toList();
  }
}
