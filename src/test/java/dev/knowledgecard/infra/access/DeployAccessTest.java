package dev.knowledgecard.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ConfigChecks;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployAccessTest {
  private static final String ROLE = "aws:iam/role:Role";
  private static final String AUD = "token.actions.githubusercontent.com:aud";
  private static final String SUB = "token.actions.githubusercontent.com:sub";
  private static final String REPO = "knowledgecard/knowledge-card";
  private static final String ECR_ARN =
      "arn:aws:ecr:us-east-1:123456789012:repository/knowledge-card-prod";

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

  private static final String WORKFLOWS = REPO + "/.github/workflows/";

  @Test
  void onlyTheContractsWorkflowsAndContextsCanAssumeTheCiRoles() {
    var graph = committed("prod");
    var expected =
        Map.of(
            "preview",
            List.of(
                "StringLike",
                "repo:"
                    + REPO
                    + ":pull_request:job_workflow_ref:"
                    + WORKFLOWS
                    + "pull-request.yml@refs/pull/*/merge"),
            "drift",
            List.of(
                "StringEquals",
                "repo:"
                    + REPO
                    + ":ref:refs/heads/main:job_workflow_ref:"
                    + WORKFLOWS
                    + "deploy.yml@refs/heads/main",
                "repo:"
                    + REPO
                    + ":ref:refs/heads/main:job_workflow_ref:"
                    + WORKFLOWS
                    + "drift.yml@refs/heads/main"),
            "deploy",
            List.of(
                "StringEquals",
                "repo:"
                    + REPO
                    + ":environment:prod:job_workflow_ref:"
                    + WORKFLOWS
                    + "deploy-stack.yml@refs/heads/main"));
    expected.forEach(
        (suffix, operatorAndSubjects) -> {
          var trust = trust(role(graph, "prod", suffix));
          assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), Policies.values(trust, "Action"));
          var condition = trust.path("Condition");
          assertEquals(
              List.of("sts.amazonaws.com"),
              Policies.values(condition.path("StringEquals"), AUD),
              suffix + " audience");
          var operator = operatorAndSubjects.get(0);
          assertEquals(
              operatorAndSubjects.subList(1, operatorAndSubjects.size()),
              Policies.values(condition.path(operator), SUB).stream().sorted().toList(),
              suffix + " subjects");
          Policies.values(condition.path(operator), SUB)
              .forEach(
                  subject ->
                      assertTrue(
                          subject.contains(":job_workflow_ref:"),
                          suffix + " names the workflow file: " + subject));
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
    assertEquals(
        List.of(
            "repo:"
                + REPO
                + ":environment:staging:job_workflow_ref:"
                + WORKFLOWS
                + "deploy-stack.yml@refs/heads/main"),
        subjects);
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
  void ciRolesCarryNoAwsManagedPolicyAndOutlastTheLongestJob() {
    var graph = committed("prod");
    graph.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
        .filter(a -> a.name().startsWith("prod-deploy-access-"))
        .forEach(
            a ->
                assertFalse(
                    a.prop("policyArn").asText().startsWith("arn:aws:iam::aws:policy/"),
                    a.name() + " attaches an AWS-managed policy"));
    for (var suffix : List.of("deploy", "preview", "drift")) {
      assertEquals(
          DeployAccess.MAX_SESSION_SECONDS,
          role(graph, "prod", suffix).prop("maxSessionDuration").asInt(),
          suffix + " sessions outlast a 90-minute job");
    }
    assertEquals(7200, DeployAccess.MAX_SESSION_SECONDS);
  }

  @Test
  void previewAndDriftAllowExactlyTheTablesReadsAndTheirState() {
    var graph = committed("prod");
    var table = DeployActionTable.load();
    var reads = new java.util.TreeSet<String>();
    graph.declared().stream()
        .filter(GraphResource::custom)
        .forEach(r -> reads.addAll(table.type(r.type()).plainReads()));
    graph.invokes().forEach(i -> reads.addAll(table.invoke(i)));
    // The network declares both NAT shapes (a strategy switch deletes one, creates the other);
    // prod runs NAT instances, so the managed gateway's reads come from the declaration alone.
    reads.addAll(table.type("aws:ec2/natGateway:NatGateway").plainReads());
    for (var suffix : List.of("preview", "drift")) {
      var allowed = new java.util.TreeSet<String>();
      var stateActions = new java.util.TreeSet<String>();
      for (var s : roleStatements(graph, suffix)) {
        assertEquals("Allow", s.path("Effect").asText());
        var sid = s.path("Sid").asText();
        if (sid.startsWith("Read")) {
          assertEquals(List.of("*"), Policies.values(s, "Resource"));
          allowed.addAll(Policies.values(s, "Action"));
        } else if (sid.startsWith("State")) {
          stateActions.addAll(Policies.values(s, "Action"));
          Policies.values(s, "Resource")
              .forEach(
                  arn ->
                      assertTrue(
                          arn.contains("pulumi-state") || arn.startsWith("arn:aws:kms:"), arn));
        } else {
          assertEquals("drift", suffix, sid + " only on the drift role");
          assertEquals(
              "prod",
              s.path("Condition")
                  .path("StringEquals")
                  .path("aws:ResourceTag/Stack")
                  .get(0)
                  .asText(),
              sid + " only on the stack's own resources");
        }
      }
      assertEquals(reads, allowed, suffix + " reads exactly what the table reads");
      assertEquals(
          new java.util.TreeSet<>(
              List.of("kms:Decrypt", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket")),
          stateActions,
          suffix + " reads the state, never writes it");
    }
  }

  @Test
  void everyResourceTypeAndInvokeOfBothStacksIsInTheTableAndDeployable() {
    var table = DeployActionTable.load();
    for (var stack : List.of("staging", "prod")) {
      var graph = committed(stack);
      var deployActions = new java.util.TreeSet<String>();
      roleStatements(graph, "deploy").stream()
          .filter(s -> "Allow".equals(s.path("Effect").asText()))
          .forEach(s -> deployActions.addAll(Policies.values(s, "Action")));
      for (var r : graph.declared()) {
        if (!r.custom()) {
          continue;
        }
        var entry = table.type(r.type());
        if (entry.confine() == DeployActionTable.Confine.ACCOUNT) {
          continue;
        }
        assertTrue(
            deployActions.containsAll(entry.create()),
            stack + ": a component must declare " + r.type() + " (" + r.name() + ")");
      }
      graph
          .invokes()
          .forEach(i -> assertTrue(deployActions.containsAll(table.invoke(i)), stack + " " + i));
    }
  }

  @Test
  void anUnknownTypeOrInvokeFailsLoudly() {
    var table = DeployActionTable.load();
    var type =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> table.type("aws:sqs/queue:Queue"));
    assertTrue(type.getMessage().contains("deploy-actions.json"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> table.invoke("aws:ec2/getAmi:getAmi"));
  }

  @Test
  void deployRoleCannotChangeTheBoundaryTrustOrTheCiRoles() {
    var statements = roleStatements(committed("prod"), "deploy");
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
                    Policies.values(s, "Action").contains("iam:UpdateAssumeRolePolicy")
                        && Policies.values(s, "Resource").equals(List.of("*"))),
        "no trust policy can be changed by CI");
    assertTrue(
        denies.stream()
            .anyMatch(
                s ->
                    Policies.values(s, "Action")
                            .containsAll(List.of("iam:AttachRolePolicy", "iam:PutRolePolicy"))
                        && Policies.values(s, "Resource")
                            .equals(
                                List.of(
                                    "arn:aws:iam::"
                                        + StackFixture.accountId("prod")
                                        + ":role/knowledge-card-ci/prod/*"))),
        "CI roles, the deploy role included, cannot be changed");
  }

  @Test
  void deployRoleChangesOnlyTheStacksOwnDnsRecords() {
    var changes =
        roleStatements(committed("prod"), "deploy").stream()
            .filter(st -> "Allow".equals(st.path("Effect").asText()))
            .filter(
                st -> Policies.values(st, "Action").contains("route53:ChangeResourceRecordSets"))
            .toList();
    var byNames = new java.util.TreeMap<String, String>();
    for (var st : changes) {
      assertEquals(List.of("arn:aws:route53:::hostedzone/*"), Policies.values(st, "Resource"));
      byNames.put(
          st.path("Condition")
              .path("ForAllValues:StringLike")
              .path("route53:ChangeResourceRecordSetsNormalizedRecordNames")
              .toString(),
          st.path("Condition")
              .path("ForAllValues:StringEquals")
              .path("route53:ChangeResourceRecordSetsRecordTypes")
              .toString());
    }
    assertEquals(
        "[\"A\",\"AAAA\",\"CNAME\"]",
        byNames.get("[\"_*.knowledgecard.app\",\"knowledgecard.app\"]"),
        "the app's alias and validation records: " + byNames);
    assertEquals(
        "[\"NS\"]",
        byNames.get("[\"staging.knowledgecard.app\"]"),
        "the delegation of staging's zone: " + byNames);
    assertEquals(2, byNames.size(), byNames.toString());
  }

  @Test
  void ciPoliciesFitIamsSizeLimits() {
    var graph = committed("prod");
    graph
        .ofType("aws:iam/policy:Policy")
        .forEach(
            p -> {
              var size = p.prop("policy").asText().replaceAll("\\s", "").length();
              assertTrue(
                  size <= DeployPermissions.MANAGED_POLICY_LIMIT,
                  p.name() + " is " + size + " characters, IAM allows 6144");
            });
    for (var suffix : List.of("deploy", "preview", "drift")) {
      var attached =
          graph.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
              .filter(a -> a.name().startsWith("prod-deploy-access-" + suffix + "-"))
              .count();
      assertTrue(attached >= 1 && attached <= 10, suffix + " has " + attached + " of 10 policies");
    }
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
  void imagePublisherHoldsEcrLoginAndExactlyWhatWasGranted() {
    var granted =
        PolicyStatement.allow("Granted").actions("ecr:PutImage").resource(ECR_ARN).build();
    var grants = new RoleGrants();
    grants.grant("image-push", List.of(granted));
    OfflineEngine.Result result =
        StackFixture.runComponent(
            StackFixture.stackFile("prod"),
            ctx ->
                new ImagePublisher(
                    "prod-image-publisher",
                    new ImagePublisherArgs(
                        Output.of(
                            "arn:aws:iam::123456789012:oidc-provider/"
                                + "token.actions.githubusercontent.com"),
                        REPO,
                        "prod",
                        "/knowledge-card-ci/prod/",
                        grants),
                    ComponentResourceOptions.builder().build()));
    var policy = result.graph().named("aws:iam/rolePolicy:RolePolicy", "prod-image-publisher-push");
    var statements = Policies.statements(policy, "policy");
    assertEquals(
        List.of("EcrLogin", "Granted"),
        statements.stream().map(s -> s.path("Sid").asText()).toList());
    assertEquals(
        List.of("ecr:GetAuthorizationToken"), Policies.values(statements.get(0), "Action"));
    assertEquals(List.of(ECR_ARN), Policies.values(statements.get(1), "Resource"));
    var trust = trust(result.graph().named(ROLE, "prod-image-publisher-role"));
    assertEquals(
        List.of(
            "repo:"
                + REPO
                + ":environment:prod:job_workflow_ref:"
                + WORKFLOWS
                + "deploy-stack.yml@refs/heads/main"),
        Policies.values(trust.path("Condition").path("StringEquals"), SUB).stream()
            .sorted()
            .toList());
  }

  private static List<JsonNode> roleStatements(ResourceGraph graph, String suffix) {
    return graph.ofType("aws:iam/policy:Policy").stream()
        .filter(p -> p.name().startsWith(graph.stack() + "-deploy-access-" + suffix + "-"))
        .flatMap(p -> Policies.statements(p, "policy").stream())
        .toList();
  }
}
