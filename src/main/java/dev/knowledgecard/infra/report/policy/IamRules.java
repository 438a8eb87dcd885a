package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE;
import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE_POLICY_ATTACHMENT;
import static dev.knowledgecard.infra.report.policy.Checks.isAwsManagedPolicy;
import static dev.knowledgecard.infra.report.policy.Checks.parse;
import static dev.knowledgecard.infra.report.policy.Checks.statements;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.IamGroupPolicy;
import dev.knowledgecard.infra.graph.aws.IamPolicy;
import dev.knowledgecard.infra.graph.aws.IamRole;
import dev.knowledgecard.infra.graph.aws.IamRolePolicy;
import dev.knowledgecard.infra.graph.aws.IamUserPolicy;
import dev.knowledgecard.infra.graph.aws.RolePolicyAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Identity policies: no full administrator (IAM.1), no service-wide wildcard (IAM.21). */
final class IamRules {
  private static final String ADMINISTRATOR_ACCESS = "AdministratorAccess";
  private static final List<Prop> POLICY_DOCUMENTS =
      List.of(IamRolePolicy.POLICY, IamPolicy.POLICY, IamUserPolicy.POLICY, IamGroupPolicy.POLICY);

  static final List<Rule> ALL =
      List.of(
          new Rule("IAM.1", g -> iamPolicies(g, true)),
          new Rule("IAM.21", g -> iamPolicies(g, false)));

  private IamRules() {}

  /** An identity policy document in the graph: where it is declared and its JSON text. */
  private record IamDocument(GraphResource declaredBy, String label, JsonNode text) {}

  private static List<IamDocument> iamDocuments(StackGraph g) {
    var out = new ArrayList<IamDocument>();
    for (var document : POLICY_DOCUMENTS) {
      for (var r : g.all(document.type())) {
        out.add(new IamDocument(r, r.name(), document.of(r)));
      }
    }
    for (var role : g.all(IAM_ROLE)) {
      for (var inline : IamRole.INLINE_POLICIES.of(role)) {
        out.add(
            new IamDocument(
                role,
                role.name() + "/" + IamRole.INLINE_POLICIES_NAME.in(inline).asText("inline"),
                IamRole.INLINE_POLICIES_POLICY.in(inline)));
      }
    }
    return out;
  }

  private static Finding iamPolicies(StackGraph g, boolean fullAdmin) {
    var documents = iamDocuments(g);
    var attachments = new ArrayList<GraphResource>(g.all(IAM_ROLE_POLICY_ATTACHMENT));
    if (documents.isEmpty() && attachments.isEmpty() && g.all(IAM_ROLE).isEmpty()) {
      return Finding.notApplicable("no IAM policies in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var d : documents) {
      var doc = parse(d.text());
      if (doc.isEmpty()) {
        failed.add(d.label());
        problems.add(d.label() + ": policy not readable offline");
        continue;
      }
      for (var statement : statements(doc.get())) {
        if (!"Allow".equals(statement.path("Effect").asText(""))) {
          continue;
        }
        var actions = StackGraph.texts(statement.path("Action"));
        var resources = StackGraph.texts(statement.path("Resource"));
        if (fullAdmin) {
          if ((actions.contains("*") || actions.contains("*:*")) && resources.contains("*")) {
            failed.add(d.label());
            problems.add(d.label() + ": allows Action * on Resource *");
          }
        } else {
          var wildcards =
              actions.stream()
                  .filter(a -> a.equals("*") || a.matches("[A-Za-z0-9-]+:\\*"))
                  .toList();
          if (!wildcards.isEmpty()) {
            failed.add(d.label());
            problems.add(d.label() + ": allows service-wide wildcard " + wildcards);
          }
        }
      }
    }
    if (fullAdmin) {
      for (var a : attachments) {
        if (isAwsManagedPolicy(
            RolePolicyAttachment.POLICY_ARN.of(a).asText(""), ADMINISTRATOR_ACCESS)) {
          failed.add(a.name());
          problems.add(a.name() + ": attaches AdministratorAccess");
        }
      }
      for (var role : g.all(IAM_ROLE)) {
        if (StackGraph.texts(IamRole.MANAGED_POLICY_ARNS.of(role)).stream()
            .anyMatch(arn -> isAwsManagedPolicy(arn, ADMINISTRATOR_ACCESS))) {
          failed.add(role.name());
          problems.add(role.name() + ": attaches AdministratorAccess");
        }
      }
    }
    var names = documents.stream().map(IamDocument::label).collect(Collectors.toList());
    attachments.forEach(a -> names.add(a.name()));
    return failed.isEmpty()
        ? Finding.pass(
            names,
            names.size()
                + " identity policies: "
                + (fullAdmin ? "none grants * on *" : "no service-wide wildcard action"))
        : Finding.fail(failed.stream().distinct().toList(), String.join("; ", problems));
  }
}
