package dev.knowledgecard.infra.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource graph with the joins the report needs: which component owns a resource (nearest {@code
 * knowledge-card:*} ancestor) and which resources an input refers to (its value equals the target's
 * id, ARN or physical name, as the provider computed them).
 */
public final class StackGraph {
  /** Component name for resources registered directly under the stack (the provider). */
  public static final String STACK_LEVEL = "(stack)";

  private static final String COMPONENT_PREFIX = "knowledge-card:";
  private static final Prop PROVIDER_REGION = Prop.of(AwsTypes.PROVIDER, "region");

  private final ResourceGraph graph;
  private final Map<String, GraphResource> byUrn;
  private final Map<String, List<GraphResource>> byIdentifier = new HashMap<>();

  public StackGraph(ResourceGraph graph) {
    this.graph = graph;
    this.byUrn = graph.byUrn();
    for (var r : graph.resources()) {
      for (var id : identifiers(r)) {
        byIdentifier.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
      }
    }
  }

  public ResourceGraph graph() {
    return graph;
  }

  public String stack() {
    return graph.stack();
  }

  public List<GraphResource> all(String type) {
    return graph.ofType(type);
  }

  /** Cloud resources the program declared (no components, providers or the stack). */
  public List<GraphResource> cloudResources() {
    return graph.declared().stream().filter(GraphResource::custom).toList();
  }

  /** The region of the stack's AWS provider, or empty when the graph does not say. */
  public String region() {
    return all(AwsTypes.PROVIDER).stream()
        .map(p -> PROVIDER_REGION.of(p).asText(""))
        .filter(r -> !r.isEmpty())
        .findFirst()
        .orElse("");
  }

  /** The name of the nearest {@code knowledge-card:*} component above {@code r}. */
  public String component(GraphResource r) {
    for (var at = r; at != null; at = at.parent() == null ? null : byUrn.get(at.parent())) {
      if (at.type().startsWith(COMPONENT_PREFIX)) {
        return at.name();
      }
    }
    return STACK_LEVEL;
  }

  /** The values other resources use to refer to {@code r}: its id and its explicit name. */
  public static Set<String> identifiers(GraphResource r) {
    var ids = new LinkedHashSet<String>();
    if (!r.id().isEmpty()) {
      ids.add(r.id());
    }
    if (r.custom() && r.prop("name").isTextual() && !r.prop("name").asText().isEmpty()) {
      ids.add(r.prop("name").asText());
    }
    return ids;
  }

  /** Resources of {@code type} that the input {@code input} of {@code from} refers to. */
  public List<GraphResource> referenced(GraphResource from, Prop input, String type) {
    var values = texts(input.of(from));
    var found = new LinkedHashSet<GraphResource>();
    for (var value : values) {
      for (var target : byIdentifier.getOrDefault(value, List.of())) {
        if (target.is(type) && target != from) {
          found.add(target);
        }
      }
    }
    if (found.isEmpty() && !values.isEmpty()) {
      // ARNs and other computed values are not in the graph: fall back to the dependency edge when
      // it is unambiguous (a listener depends on exactly one load balancer).
      var candidates =
          from.dependencies().stream()
              .map(byUrn::get)
              .filter(r -> r != null && r.is(type) && r != from)
              .distinct()
              .toList();
      if (candidates.size() == 1) {
        found.add(candidates.get(0));
      }
    }
    return List.copyOf(found);
  }

  /** Resources of the input's type whose {@code input} refers to {@code target}. */
  public List<GraphResource> referencing(GraphResource target, Prop input) {
    return all(input.type()).stream()
        .filter(r -> referenced(r, input, target.type()).contains(target))
        .toList();
  }

  /** Every text value in a JSON node: the node itself, or the items of an array. */
  public static Set<String> texts(JsonNode node) {
    var out = new LinkedHashSet<String>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(item -> out.addAll(texts(item)));
    }
    return out;
  }
}
