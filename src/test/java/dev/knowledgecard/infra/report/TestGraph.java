package dev.knowledgecard.infra.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds resource graphs by hand for report tests: resources with their inputs (relaxed JSON:
 * unquoted keys, single quotes) and the id the provider would compute, grouped under components.
 * Inputs named {@code containerDefinitions} or {@code policy} are written as JSON strings, as the
 * provider receives them.
 */
public final class TestGraph {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  private record Entry(
      String type, String name, String component, ObjectNode props, String id, List<String> deps) {}

  private final String project = "knowledge-card";
  private final String stack;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public TestGraph(String stack) {
    this.stack = stack;
  }

  /** A component resource ({@code knowledge-card:<pkg>:<Class>}). */
  public TestGraph component(String type, String name) {
    entries.put(name, new Entry(type, name, null, JSON.createObjectNode(), "", new ArrayList<>()));
    return this;
  }

  /** A cloud resource under {@code component} with inputs and the id its provider computes. */
  public TestGraph add(String type, String name, String component, String props, String id) {
    entries.put(
        name, new Entry(type, name, component, (ObjectNode) parse(props), id, new ArrayList<>()));
    return this;
  }

  /**
   * Records that {@code name} depends on {@code other}, as an input built from its output would.
   */
  public TestGraph dependsOn(String name, String other) {
    require(other);
    require(name).deps().add(other);
    return this;
  }

  public TestGraph remove(String name) {
    require(name);
    entries.remove(name);
    return this;
  }

  /** Sets the input at a dotted path (objects created on the way) to a relaxed-JSON value. */
  public TestGraph set(String name, String path, String jsonValue) {
    var node = require(name).props();
    var parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], parse(jsonValue));
    return this;
  }

  public TestGraph unset(String name, String path) {
    var node = require(name).props();
    var parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    node.remove(parts[parts.length - 1]);
    return this;
  }

  /** The inputs of a resource, for in-place edits of arrays. */
  public ObjectNode props(String name) {
    return require(name).props();
  }

  public ResourceGraph build() {
    var stackUrn =
        "urn:pulumi:"
            + stack
            + "::"
            + project
            + "::"
            + ResourceGraph.ROOT_STACK_TYPE
            + "::"
            + project
            + "-"
            + stack;
    var resources = new ArrayList<GraphResource>();
    var stackEntry =
        new Entry(
            ResourceGraph.ROOT_STACK_TYPE,
            project + "-" + stack,
            null,
            JSON.createObjectNode(),
            "",
            List.of());
    resources.add(resource(stackUrn, stackEntry, null, List.of()));
    var urns = new LinkedHashMap<String, String>();
    for (var e : entries.values()) {
      urns.put(
          e.name(), "urn:pulumi:" + stack + "::" + project + "::" + e.type() + "::" + e.name());
    }
    for (var e : entries.values()) {
      var parent = e.component() == null ? stackUrn : urns.get(e.component());
      if (parent == null) {
        throw new IllegalArgumentException("no component " + e.component());
      }
      var deps = e.deps().stream().map(urns::get).toList();
      resources.add(resource(urns.get(e.name()), e, parent, deps));
    }
    return new ResourceGraph(project, stack, resources);
  }

  /** The entry as synth records it: JSON-valued inputs as text, secrets by their marker. */
  private static GraphResource resource(String urn, Entry e, String parent, List<String> deps) {
    var props = e.props().deepCopy();
    for (var key : List.of("containerDefinitions", "policy")) {
      if (props.has(key) && !props.get(key).isTextual()) {
        props.put(key, props.get(key).toString());
      }
    }
    var secrets = new ArrayList<String>();
    props
        .properties()
        .forEach(
            p -> {
              if (GraphResource.SECRET_MARKER.equals(p.getValue().asText(null))) {
                secrets.add(p.getKey());
              }
            });
    // The stack and the project's components are component resources, not custom ones.
    var custom =
        !e.type().equals(ResourceGraph.ROOT_STACK_TYPE) && !e.type().startsWith("knowledge-card:");
    return new GraphResource(
        urn, e.type(), e.name(), parent, custom, props, deps, secrets, false, "", e.id(), List.of(),
        "");
  }

  private Entry require(String name) {
    var e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no resource " + name + " in the test graph");
    }
    return e;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
