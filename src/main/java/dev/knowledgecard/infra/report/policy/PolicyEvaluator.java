package dev.knowledgecard.infra.report.policy;

import dev.knowledgecard.infra.config.SecurityControl;
import dev.knowledgecard.infra.config.Waiver;
import dev.knowledgecard.infra.graph.StackGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every control of the catalogue ({@link SecurityControl#ALL}) on a graph and applies the
 * stack's waivers, resource by resource: a control is {@code waived} only when every failing
 * resource is one its waiver names; a failure on any other resource stays a {@code fail}. A waiver
 * naming a resource that does not fail is stale ({@link #staleWaivers}).
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static List<PolicyResult> evaluate(StackGraph graph, Map<String, Waiver> waivers) {
    var results = new ArrayList<PolicyResult>();
    for (var control : SecurityControl.ALL) {
      var finding = finding(control.id(), graph);
      var status = finding.status();
      var reason = finding.reason();
      var waiver = waivers.get(control.id());
      if (status == PolicyStatus.FAIL && waiver != null) {
        var uncovered =
            finding.resources().stream().filter(r -> !waiver.resources().contains(r)).toList();
        if (uncovered.isEmpty()) {
          status = PolicyStatus.WAIVED;
          reason =
              "waived by the stack for "
                  + waiver.resources()
                  + ": "
                  + waiver.describe()
                  + " (finding: "
                  + finding.reason()
                  + ")";
        } else {
          reason =
              finding.reason()
                  + " (not covered by the waiver, which names only "
                  + waiver.resources()
                  + ": "
                  + uncovered
                  + ")";
        }
      }
      results.add(
          new PolicyResult(control.id(), control.title(), status, finding.resources(), reason));
    }
    return List.copyOf(results);
  }

  /**
   * The waived resources that do not fail their control (they pass, or are not in the graph): each
   * an error, so a waiver cannot outlive its cause and silently cover a later failure.
   */
  public static List<StaleWaiver> staleWaivers(StackGraph graph, Map<String, Waiver> waivers) {
    var stale = new ArrayList<StaleWaiver>();
    for (var waiver : waivers.values()) {
      var finding = finding(waiver.control(), graph);
      var failing = finding.status() == PolicyStatus.FAIL ? finding.resources() : List.<String>of();
      var notFailing = waiver.resources().stream().filter(r -> !failing.contains(r)).toList();
      if (!notFailing.isEmpty()) {
        stale.add(new StaleWaiver(waiver.control(), notFailing, failing));
      }
    }
    return List.copyOf(stale);
  }

  /**
   * A waiver naming resources that do not fail its control.
   *
   * @param control the control id
   * @param resources the named resources that do not fail
   * @param failing the resources that do fail it (what the waiver may name)
   */
  public record StaleWaiver(String control, List<String> resources, List<String> failing) {
    public StaleWaiver {
      resources = List.copyOf(resources);
      failing = List.copyOf(failing);
    }

    @Override
    public String toString() {
      return "knowledge-card:waivers."
          + control
          + ".resources = "
          + resources
          + ": stale, these do not fail "
          + control
          + " (they pass or are not in the graph); allowed: only failing resources "
          + failing
          + (failing.isEmpty() ? ", i.e. remove the waiver" : "");
    }
  }

  private static Finding finding(String id, StackGraph graph) {
    var rule = Rules.byId(id);
    return rule.isPresent()
        ? rule.get().evaluate(graph)
        : Finding.notApplicable("no rule decides this control from the graph");
  }

  /** How many results have the given status. */
  public static long count(List<PolicyResult> results, PolicyStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
