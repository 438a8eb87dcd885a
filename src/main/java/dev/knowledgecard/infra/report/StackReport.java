package dev.knowledgecard.infra.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.report.cost.CostEstimate;
import dev.knowledgecard.infra.report.cost.CostModel;
import dev.knowledgecard.infra.report.diagram.MermaidDiagram;
import dev.knowledgecard.infra.report.policy.PolicyEvaluator;
import dev.knowledgecard.infra.report.policy.PolicyResult;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.ResourceGraph;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the synth report says about one stack: its diagram, cost estimate and policy results,
 * all derived from the resource graph (and the stack's waivers).
 *
 * @param graph the stack's graph with its joins
 * @param diagram Mermaid flowchart source
 * @param cost the monthly estimate
 * @param policies one result per control of the catalogue
 * @param waivers the stack's waivers (control id to reason)
 */
public record StackReport(
    StackGraph graph,
    String diagram,
    CostEstimate cost,
    List<PolicyResult> policies,
    Map<String, String> waivers) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WAIVERS_KEY = StackConfig.NAMESPACE + ":waivers";

  public StackReport {
    policies = List.copyOf(policies);
    waivers = Map.copyOf(waivers);
  }

  /** Builds the report of a graph with the given waivers. */
  public static StackReport of(ResourceGraph graph, Map<String, String> waivers) {
    var stackGraph = new StackGraph(graph);
    return new StackReport(
        stackGraph,
        MermaidDiagram.render(stackGraph),
        CostModel.estimate(stackGraph),
        PolicyEvaluator.evaluate(stackGraph, waivers),
        waivers);
  }

  /**
   * The stack's waivers from its Pulumi config ({@code knowledge-card:waivers}, a JSON map of
   * control id to reason); empty when unset or unreadable (the program itself rejects the latter).
   */
  public static Map<String, String> waivers(OfflineEngine.Program program) {
    var raw = program.config().get(WAIVERS_KEY);
    var out = new TreeMap<String, String>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    try {
      JSON.readTree(raw).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    } catch (JsonProcessingException e) {
      return new TreeMap<>();
    }
    return out;
  }
}
