package dev.knowledgecard.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.synth.GraphResource;
import dev.knowledgecard.infra.synth.ResourceGraph;
import java.util.ArrayList;
import java.util.List;

/** Small lookups the data-tier tests share. */
public final class DataGraphs {
  private DataGraphs() {}

  /** The only resource of a type; fails naming the type and what was found. */
  public static GraphResource only(ResourceGraph graph, String type) {
    var found = graph.ofType(type);
    assertEquals(1, found.size(), "expected exactly one " + type + ", found " + names(found));
    return found.get(0);
  }

  /** The resource of a type whose logical name ends with {@code suffix}. */
  public static GraphResource endingWith(ResourceGraph graph, String type, String suffix) {
    var found = graph.ofType(type).stream().filter(r -> r.name().endsWith(suffix)).toList();
    assertEquals(
        1,
        found.size(),
        "expected one " + type + " named *" + suffix + ", have " + names(graph.ofType(type)));
    return found.get(0);
  }

  /** A JSON array of strings as a list. */
  public static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The id of the resource of a type whose logical name ends with {@code suffix}. */
  public static String idOf(ResourceGraph graph, String type, String suffix) {
    return endingWith(graph, type, suffix).id();
  }

  private static List<String> names(List<GraphResource> resources) {
    return resources.stream().map(GraphResource::name).toList();
  }
}
