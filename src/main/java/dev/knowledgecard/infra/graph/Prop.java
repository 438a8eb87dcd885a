package dev.knowledgecard.infra.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An input of one resource type by its pulumi-aws schema name, as a dotted path through nested
 * objects and list items ({@code networkConfiguration.assignPublicIp}, {@code ingress.fromPort}).
 * The report reads inputs only through these, each declared once in the view of its type ({@code
 * dev.knowledgecard.infra.graph.aws}), so a test can check each against the provider's schema: a
 * misspelled or renamed path fails the build instead of reading as unset.
 *
 * @param type the resource type token, e.g. {@code aws:rds/instance:Instance}
 * @param path the dotted input path from the resource
 * @param itemPath for a field of a block ({@link #field}), its path within the block; else {@code
 *     path}
 */
public record Prop(String type, String path, String itemPath) {
  public static Prop of(String type, String path) {
    return new Prop(type, path, path);
  }

  /** The input of {@code r}, or a missing node. */
  public JsonNode of(GraphResource r) {
    return r.prop(path);
  }

  /** A field (dotted path) of this input's blocks: the items of a list, or the object itself. */
  public Prop field(String name) {
    return new Prop(type, path + "." + name, name);
  }

  /** This field read from one block of its parent input. */
  public JsonNode in(JsonNode block) {
    var node = block;
    for (var part : itemPath.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
