package dev.knowledgecard.infra.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One registered resource as the engine saw it.
 *
 * @param urn its URN
 * @param type the type token, e.g. {@code aws:ec2/vpc:Vpc}
 * @param name the logical name
 * @param parent the parent's URN ({@code null} only for the root stack)
 * @param custom true for cloud resources, false for components
 * @param props inputs under their pulumi-aws schema names, secret values replaced by {@link
 *     #SECRET_MARKER}
 * @param dependencies URNs this resource depends on
 * @param secretProps paths of inputs that are secret ({@code authToken}, {@code a.b})
 * @param protect whether Pulumi's {@code protect} option is set
 * @param provider the provider reference the resource was registered with, or empty
 * @param computed what the provider computed and the inputs did not hold ({@code id}, {@code arn},
 *     an auto-generated {@code name}, endpoints): what other resources' inputs refer to
 */
public record GraphResource(
    String urn,
    String type,
    String name,
    String parent,
    boolean custom,
    JsonNode props,
    List<String> dependencies,
    List<String> secretProps,
    boolean protect,
    String provider,
    JsonNode computed) {

  public static final String SECRET_MARKER = "[secret]";

  public GraphResource {
    dependencies = List.copyOf(dependencies);
    secretProps = List.copyOf(secretProps);
    computed = computed == null ? MissingNode.getInstance() : computed;
  }

  /** A resource without computed outputs (components, or graphs written before they existed). */
  public GraphResource(
      String urn,
      String type,
      String name,
      String parent,
      boolean custom,
      JsonNode props,
      List<String> dependencies,
      List<String> secretProps,
      boolean protect,
      String provider) {
    this(
        urn,
        type,
        name,
        parent,
        custom,
        props,
        dependencies,
        secretProps,
        protect,
        provider,
        MissingNode.getInstance());
  }

  /** The cloud id the provider assigned, or empty (components, providers). */
  public String id() {
    return computed.path("id").asText("");
  }

  /**
   * The values other resources use to refer to this one: its id, ARN and physical name, where
   * known.
   */
  public java.util.Set<String> identifiers() {
    var ids = new java.util.LinkedHashSet<String>();
    for (var key : new String[] {"id", "arn", "name"}) {
      var value = computed.path(key).isTextual() ? computed.path(key) : props.path(key);
      if (value.isTextual() && !value.asText().isEmpty()) {
        ids.add(value.asText());
      }
    }
    return ids;
  }

  /**
   * The input at a dotted path ({@code networkConfiguration.assignPublicIp}), or a missing node.
   */
  public JsonNode prop(String path) {
    JsonNode node = props;
    for (var part : path.split("\\.")) {
      node = node == null ? MissingNode.getInstance() : node.path(part);
    }
    return node;
  }

  public boolean is(String typeToken) {
    return type.equals(typeToken);
  }
}
