package dev.knowledgecard.infra.report.policy;

import dev.knowledgecard.infra.config.SecurityControl;
import dev.knowledgecard.infra.report.StackGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every control of the catalogue ({@link SecurityControl#ALL}) on a graph and applies the
 * stack's waivers: a failing control the stack waived is {@code waived} with the stack's reason; a
 * waived control that actually passes is reported {@code pass}.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static List<PolicyResult> evaluate(StackGraph graph, Map<String, String> waivers) {
    var results = new ArrayList<PolicyResult>();
    for (var control : SecurityControl.ALL) {
      var rule = Rules.byId(control.id());
      var finding =
          rule.isPresent()
              ? rule.get().evaluate(graph)
              : Finding.notApplicable("no rule decides this control from the graph");
      var status = finding.status();
      var reason = finding.reason();
      var waiver = waivers.get(control.id());
      if (status == PolicyStatus.FAIL && waiver != null) {
        status = PolicyStatus.WAIVED;
        reason = "waived by the stack: " + waiver + " (finding: " + finding.reason() + ")";
      } else if (status == PolicyStatus.PASS && waiver != null) {
        reason = finding.reason() + " (a waiver is configured but not needed)";
      }
      results.add(
          new PolicyResult(control.id(), control.title(), status, finding.resources(), reason));
    }
    return List.copyOf(results);
  }

  /** How many results have the given status. */
  public static long count(List<PolicyResult> results, PolicyStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
