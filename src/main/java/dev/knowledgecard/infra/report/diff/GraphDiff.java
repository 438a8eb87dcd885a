package dev.knowledgecard.infra.report.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes from one graph to another: resources added, removed and changed, property by
 * property. Resources are matched by type and logical name with the stack name abstracted ({@code
 * staging-network-vpc} and {@code prod-network-vpc} are the same resource), and references to other
 * resources' generated ids and ARNs are compared as references, so a diff between two stacks shows
 * configuration differences, not id churn.
 *
 * @param base the base graph's stack
 * @param head the head graph's stack
 * @param added resources only in the head
 * @param removed resources only in the base
 * @param changed resources in both whose inputs differ
 */
public record GraphDiff(
    String base,
    String head,
    List<ResourceKey> added,
    List<ResourceKey> removed,
    List<ResourceChange> changed) {

  /** A resource across stacks: its type and its logical name with the stack as {@code {stack}}. */
  public record ResourceKey(String type, String name) implements Comparable<ResourceKey> {
    @Override
    public int compareTo(ResourceKey o) {
      return Comparator.comparing(ResourceKey::type)
          .thenComparing(ResourceKey::name)
          .compare(this, o);
    }

    @Override
    public String toString() {
      return type + " " + name;
    }
  }

  /** One input that differs; {@code null} before or after means absent on that side. */
  public record PropertyChange(String path, String before, String after) {}

  /** A resource present in both graphs, with the inputs that differ. */
  public record ResourceChange(ResourceKey resource, List<PropertyChange> properties) {
    public ResourceChange {
      properties = List.copyOf(properties);
    }
  }

  public GraphDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  public static GraphDiff between(ResourceGraph base, ResourceGraph head) {
    var before = index(base);
    var after = index(head);
    var added = new ArrayList<ResourceKey>();
    var removed = new ArrayList<ResourceKey>();
    var changed = new ArrayList<ResourceChange>();
    var keys = new TreeSet<ResourceKey>(before.keySet());
    keys.addAll(after.keySet());
    for (var key : keys) {
      var b = before.get(key);
      var a = after.get(key);
      if (b == null) {
        added.add(key);
      } else if (a == null) {
        removed.add(key);
      } else {
        var props = compare(b, a);
        if (!props.isEmpty()) {
          changed.add(new ResourceChange(key, props));
        }
      }
    }
    return new GraphDiff(base.stack(), head.stack(), added, removed, changed);
  }

  /** Resource key to its flattened, normalised inputs. */
  private static Map<ResourceKey, Map<String, String>> index(ResourceGraph graph) {
    var stack = graph.stack();
    // Longest first, so an id inside an ARN is replaced after the ARN-like names that contain it.
    var keys =
        new TreeMap<String, String>(
            Comparator.comparing(String::length).reversed().thenComparing(s -> s));
    var byKey = new TreeMap<ResourceKey, GraphResource>();
    var generatedNames = new ArrayList<java.util.regex.Pattern>();
    for (var r : graph.resources()) {
      if (r.is(ResourceGraph.ROOT_STACK_TYPE)) {
        continue;
      }
      var key = new ResourceKey(r.type(), normalizeStack(r.name(), stack));
      byKey.put(key, r);
      if (r.id().length() >= 6 && !r.id().equals(r.name())) {
        keys.put(r.id(), "${" + key.name() + ".id}");
      }
      // The provider's auto-names: <logical name>-<7 hex>.
      generatedNames.add(
          java.util.regex.Pattern.compile(
              java.util.regex.Pattern.quote(r.name()) + "-[0-9a-f]{7}\\b"));
    }
    var out = new TreeMap<ResourceKey, Map<String, String>>();
    byKey.forEach(
        (key, r) -> {
          var flat = new TreeMap<String, String>();
          flatten("", r.props(), flat);
          flat.replaceAll(
              (path, value) ->
                  normalizeStack(autoNames(references(value, keys), generatedNames), stack));
          out.put(key, flat);
        });
    return out;
  }

  private static String autoNames(String value, List<java.util.regex.Pattern> generated) {
    var result = value;
    for (var p : generated) {
      var m = p.matcher(result);
      if (m.find()) {
        result =
            m.replaceAll(
                mr ->
                    java.util.regex.Matcher.quoteReplacement(
                        mr.group().substring(0, mr.group().length() - 8) + "-<generated>"));
      }
    }
    return result;
  }

  private static String references(String value, Map<String, String> keys) {
    var result = value;
    for (var e : keys.entrySet()) {
      if (result.contains(e.getKey())) {
        result = result.replace(e.getKey(), e.getValue());
      }
    }
    return result;
  }

  private static String normalizeStack(String text, String stack) {
    return stack.isEmpty() ? text : text.replace(stack, "{stack}");
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  flatten(
                      path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), out);
      }
    } else if (!node.isMissingNode()) {
      out.put(path, node.isTextual() ? node.asText() : node.toString());
    }
  }

  private static List<PropertyChange> compare(
      Map<String, String> before, Map<String, String> after) {
    var paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    var changes = new ArrayList<PropertyChange>();
    for (var path : paths) {
      var b = before.get(path);
      var a = after.get(path);
      if (b == null ? a != null : !b.equals(a)) {
        changes.add(new PropertyChange(path, b, a));
      }
    }
    return changes;
  }
}
