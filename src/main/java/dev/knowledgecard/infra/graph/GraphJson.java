package dev.knowledgecard.infra.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The synth's graph file: {@code {"project", "stack", "resources": [{"urn", "type", "name",
 * "parent", "custom", "props", "dependencies", "secretProps", "protect", "arn"}], "invokes",
 * "outputs"}}, resources ordered by URN and keys sorted, so two synths of the same code are
 * byte-identical.
 */
public final class GraphJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private GraphJson() {}

  public static ObjectNode toJson(ResourceGraph graph, Map<String, Object> outputs) {
    var root = JSON.createObjectNode();
    root.put("project", graph.project());
    root.put("stack", graph.stack());
    var resources = root.putArray("resources");
    for (var r : graph.resources()) {
      var node = resources.addObject();
      node.put("urn", r.urn());
      node.put("id", r.id());
      node.put("type", r.type());
      node.put("name", r.name());
      node.put("parent", r.parent());
      node.put("custom", r.custom());
      node.set("props", r.props());
      r.dependencies().forEach(node.putArray("dependencies")::add);
      r.secretProps().forEach(node.putArray("secretProps")::add);
      node.put("protect", r.protect());
      if (!r.ignoreChanges().isEmpty()) {
        r.ignoreChanges().forEach(node.putArray("ignoreChanges")::add);
      }
      if (!r.arn().isEmpty()) {
        node.put("arn", r.arn());
      }
    }
    graph.invokes().forEach(root.putArray("invokes")::add);
    root.set("outputs", JSON.valueToTree(new java.util.TreeMap<>(outputs)));
    return root;
  }

  public static void write(Path file, ResourceGraph graph, Map<String, Object> outputs)
      throws IOException {
    var dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, JSON.writeValueAsString(toJson(graph, outputs)) + "\n");
  }

  /** Reads a graph file back, e.g. the base of a pull request for a diff. */
  public static ResourceGraph read(Path file) throws IOException {
    var root = JSON.readTree(file.toFile());
    var resources = new java.util.ArrayList<GraphResource>();
    for (var r : root.path("resources")) {
      resources.add(
          new GraphResource(
              r.path("urn").asText(),
              r.path("type").asText(),
              r.path("name").asText(),
              r.path("parent").isNull() ? null : r.path("parent").asText(),
              r.path("custom").asBoolean(),
              r.path("props"),
              strings(r.path("dependencies")),
              strings(r.path("secretProps")),
              r.path("protect").asBoolean(),
              "",
              r.path("id").asText(""),
              strings(r.path("ignoreChanges")),
              r.path("arn").asText("")));
    }
    return new ResourceGraph(
        root.path("project").asText(),
        root.path("stack").asText(),
        resources,
        strings(root.path("invokes")));
  }

  private static java.util.List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
    var out = new java.util.ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
