package dev.knowledgecard.infra.report;

import dev.knowledgecard.infra.config.Waiver;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.cost.CostEstimate;
import dev.knowledgecard.infra.report.cost.CostModel;
import dev.knowledgecard.infra.report.diagram.MermaidDiagram;
import dev.knowledgecard.infra.report.policy.PolicyEvaluator;
import dev.knowledgecard.infra.report.policy.PolicyResult;
import java.util.List;
import java.util.Map;

/**
 * Everything the synth report says about one stack: its diagram, cost estimate and policy results,
 * all derived from the resource graph (and the stack's waivers).
 *
 * @param graph the stack's graph with its joins
 * @param diagram Mermaid flowchart source
 * @param cost the monthly estimate
 * @param policies one result per control of the catalogue
 * @param waivers the stack's waivers by control id
 * @param staleWaivers waived resources that do not fail their control: a configuration error
 */
public record StackReport(
    StackGraph graph,
    String diagram,
    CostEstimate cost,
    List<PolicyResult> policies,
    Map<String, Waiver> waivers,
    List<PolicyEvaluator.StaleWaiver> staleWaivers) {

  public StackReport {
    policies = List.copyOf(policies);
    waivers = Map.copyOf(waivers);
    staleWaivers = List.copyOf(staleWaivers);
  }

  /** Builds the report of a graph with the given waivers. */
  public static StackReport of(ResourceGraph graph, Map<String, Waiver> waivers) {
    var stackGraph = new StackGraph(graph);
    return new StackReport(
        stackGraph,
        MermaidDiagram.render(stackGraph),
        CostModel.estimate(stackGraph),
        PolicyEvaluator.evaluate(stackGraph, waivers),
        waivers,
        PolicyEvaluator.staleWaivers(stackGraph, waivers));
  }
}
