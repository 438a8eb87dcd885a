package dev.knowledgecard.infra.report.policy;

import dev.knowledgecard.infra.graph.StackGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules of security-controls.md, one family of controls per class, each deciding its control
 * from the resource graph alone (type tokens and input names of pulumi-aws 6.x). A rule looks at
 * every resource its control covers; a control whose resources are absent is not applicable.
 */
public final class Rules {
  public static final List<Rule> ALL =
      Stream.of(
              NetworkRules.ALL,
              IngressRules.ALL,
              InstanceRules.ALL,
              LoadBalancerRules.ALL,
              ContainerRules.ALL,
              DatabaseRules.ALL,
              CacheRules.ALL,
              StorageRules.ALL,
              SecretsRules.ALL,
              LambdaRules.ALL,
              MonitoringRules.ALL,
              IamRules.ALL)
          .flatMap(List::stream)
          .toList();

  private static final Map<String, Rule> BY_ID =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Rule::id, Function.identity()));

  private Rules() {}

  public static Optional<Rule> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** Evaluates one control on a graph, without waivers. */
  public static Finding evaluate(String id, StackGraph graph) {
    return byId(id)
        .orElseThrow(() -> new IllegalArgumentException("no rule for control " + id))
        .evaluate(graph);
  }
}
