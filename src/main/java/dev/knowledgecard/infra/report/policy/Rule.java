package dev.knowledgecard.infra.report.policy;

import dev.knowledgecard.infra.graph.StackGraph;
import java.util.function.Function;

/** One control decided over the resource graph. */
public record Rule(String id, Function<StackGraph, Finding> check) {
  public Finding evaluate(StackGraph graph) {
    return check.apply(graph);
  }
}
