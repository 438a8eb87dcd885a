package dev.knowledgecard.infra.graph;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every resource a program registered, ordered by URN so that output is stable run to run, and the
 * tokens of the invokes (data sources) it called, sorted: deploying needs permission for both.
 */
public record ResourceGraph(
    String project, String stack, List<GraphResource> resources, List<String> invokes) {

  public static final String ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

  public ResourceGraph {
    resources = resources.stream().sorted(Comparator.comparing(GraphResource::urn)).toList();
    invokes = invokes.stream().distinct().sorted().toList();
  }

  /** A graph of resources only (hand-built test graphs). */
  public ResourceGraph(String project, String stack, List<GraphResource> resources) {
    this(project, stack, resources, List.of());
  }

  public List<GraphResource> ofType(String type) {
    return resources.stream().filter(r -> r.is(type)).toList();
  }

  public Optional<GraphResource> byUrn(String urn) {
    return resources.stream().filter(r -> r.urn().equals(urn)).findFirst();
  }

  /** The one resource of a type with the given logical name; fails loudly when absent. */
  public GraphResource named(String type, String name) {
    return resources.stream()
        .filter(r -> r.is(type) && r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no "
                        + type
                        + " named "
                        + name
                        + "; have "
                        + ofType(type).stream().map(GraphResource::name).toList()));
  }

  /** Resources the program itself declared: everything but the root stack and providers. */
  public List<GraphResource> declared() {
    return resources.stream()
        .filter(r -> !r.is(ROOT_STACK_TYPE) && !r.type().startsWith("pulumi:providers:"))
        .toList();
  }

  /** The resource whose provider-assigned id is {@code id}, if any. */
  public Optional<GraphResource> byId(String id) {
    return resources.stream().filter(r -> !r.id().isEmpty() && r.id().equals(id)).findFirst();
  }

  public List<GraphResource> childrenOf(GraphResource parent) {
    return resources.stream().filter(r -> parent.urn().equals(r.parent())).toList();
  }

  public Map<String, Long> countsByType() {
    return resources.stream()
        .collect(Collectors.groupingBy(GraphResource::type, TreeMap::new, Collectors.counting()));
  }

  public Map<String, GraphResource> byUrn() {
    return resources.stream()
        .collect(
            Collectors.toMap(GraphResource::urn, Function.identity(), (a, b) -> a, TreeMap::new));
  }
}
