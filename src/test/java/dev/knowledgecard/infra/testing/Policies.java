package dev.knowledgecard.infra.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds and reads IAM-style policy documents anywhere in a resource graph. */
public final class Policies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A policy document found in a resource's inputs, with where it was found. */
  public record Found(GraphResource resource, String path, JsonNode document) {
    public String where() {
      return resource.type() + " " + resource.name() + " " + path;
    }

    public List<JsonNode> statements() {
      return Policies.statements(document);
    }
  }

  private Policies() {}

  /**
   * Every input value, at any depth ({@code policy}, {@code assumeRolePolicy}, {@code
   * inlinePolicies[0].policy}, a key policy...), that is a JSON document with a Statement.
   */
  public static List<Found> everywhere(ResourceGraph graph) {
    var found = new ArrayList<Found>();
    for (var resource : graph.declared()) {
      walk(resource, "", resource.props(), found);
    }
    return found;
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  public static List<JsonNode> statements(JsonNode document) {
    var statement = document.path("Statement");
    var list = new ArrayList<JsonNode>();
    if (statement.isArray()) {
      statement.forEach(list::add);
    } else if (statement.isObject()) {
      list.add(statement);
    }
    return list;
  }

  public static List<JsonNode> statements(GraphResource resource, String prop) {
    return statements(parse(resource.prop(prop).asText()));
  }

  /** A string or array field of a statement as a list ({@code Action}, {@code Resource}). */
  public static List<String> values(JsonNode statement, String field) {
    var node = statement.path(field);
    var list = new ArrayList<String>();
    if (node.isArray()) {
      node.forEach(n -> list.add(n.asText()));
    } else if (!node.isMissingNode()) {
      list.add(node.asText());
    }
    return list;
  }

  private static void walk(GraphResource resource, String path, JsonNode node, List<Found> found) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      var text = node.asText().trim();
      if (text.startsWith("{") && text.contains("Statement")) {
        var doc = parse(text);
        if (doc.has("Statement")) {
          found.add(new Found(resource, path, doc));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(resource, path + "[" + i + "]", node.get(i), found);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(resource, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), found);
      }
    }
  }
}
