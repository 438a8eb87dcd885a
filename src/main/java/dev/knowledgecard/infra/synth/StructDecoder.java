package dev.knowledgecard.infra.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.knowledgecard.infra.graph.GraphResource;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns the wire form of resource inputs (a protobuf {@link Struct} with Pulumi's special-value
 * signatures) into JSON, replacing secret values by {@link GraphResource#SECRET_MARKER} and noting
 * their paths, so the graph can be written and read without ever holding a secret in plain text.
 */
final class StructDecoder {
  private static final String SIG = "4dabf18193072939515e22adb298388d";
  private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
  private static final String RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
  private static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
  private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  static final String UNKNOWN_MARKER = "[unknown]";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StructDecoder() {}

  static ObjectNode decode(Struct struct, List<String> secretPaths) {
    var node = F.objectNode();
    new TreeMap<>(struct.getFieldsMap())
        .forEach((key, value) -> node.set(key, decode(value, key, secretPaths)));
    return node;
  }

  private static JsonNode decode(Value value, String path, List<String> secretPaths) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> F.nullNode();
      case BOOL_VALUE -> F.booleanNode(value.getBoolValue());
      case NUMBER_VALUE -> number(value.getNumberValue());
      case STRING_VALUE ->
          UNKNOWN.equals(value.getStringValue())
              ? F.textNode(UNKNOWN_MARKER)
              : F.textNode(value.getStringValue());
      case LIST_VALUE -> {
        var array = F.arrayNode();
        var items = value.getListValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
          array.add(decode(items.get(i), path + "[" + i + "]", secretPaths));
        }
        yield array;
      }
      case STRUCT_VALUE -> decodeStruct(value.getStructValue(), path, secretPaths);
    };
  }

  private static JsonNode decodeStruct(Struct struct, String path, List<String> secretPaths) {
    var fields = struct.getFieldsMap();
    var sig = fields.get(SIG);
    if (sig != null) {
      var kind = sig.getStringValue();
      if (SECRET_SIG.equals(kind)) {
        secretPaths.add(path);
        return F.textNode(GraphResource.SECRET_MARKER);
      }
      if (RESOURCE_REF_SIG.equals(kind)) {
        return F.textNode(fields.get("urn").getStringValue());
      }
      if (OUTPUT_SIG.equals(kind)) {
        if (fields.containsKey("secret") && fields.get("secret").getBoolValue()) {
          secretPaths.add(path);
          return F.textNode(GraphResource.SECRET_MARKER);
        }
        var inner = fields.get("value");
        return inner == null ? F.textNode(UNKNOWN_MARKER) : decode(inner, path, secretPaths);
      }
    }
    var node = F.objectNode();
    new TreeMap<>(fields).forEach((k, v) -> node.set(k, decode(v, path + "." + k, secretPaths)));
    return node;
  }

  private static JsonNode number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return F.numberNode((long) d);
    }
    return F.numberNode(d);
  }
}
