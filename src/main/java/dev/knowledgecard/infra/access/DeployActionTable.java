package dev.knowledgecard.infra.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sourced table of API actions the AWS provider calls for each resource type and invoke ({@code
 * src/main/resources/iam/deploy-actions.json}; every entry cites the provider's resource file and
 * AWS's Service Authorization Reference). The deploy, preview and drift policies are assembled from
 * it and the components' {@link DeployNeeds}; the IAM simulation in {@code iam-sim/} reads the same
 * file.
 */
final class DeployActionTable {
  static final String RESOURCE = "/iam/deploy-actions.json";

  /** How the deploy policy limits a type's changes to the stack (see the table's description). */
  enum Confine {
    TAG,
    NAME,
    PATH,
    RECORD,
    REGION,
    ACCOUNT
  }

  /**
   * One resource type's actions.
   *
   * @param type the pulumi-aws type token
   * @param arn the ARN template requests are authorized on ({@code {name}}, {@code {prop:x}}, ...),
   *     or, where the table gives one, the template with the name last ({@code nameArn})
   * @param confine how changes are confined
   * @param create actions of a create
   * @param read actions of a read (refresh, preview)
   * @param sensitiveRead reads that return secret values, confined like changes
   * @param update actions of an in-place update
   * @param delete actions of a delete
   * @param tag actions that add or change tags
   * @param untag actions that remove tags
   * @param createAction the create API a tag-on-create names in {@code <service>:CreateAction}
   *     (EC2, ECS, Elastic Load Balancing), e.g. {@code CreateVpc}
   * @param launchCreateAction the EC2 create this type's create launches with the caller's rights,
   *     whose tags ({@code ec2:CreateTags} on instances and volumes) it also needs (Auto Scaling
   *     groups launch with {@code RunInstances})
   * @param passRole the service a role of this type's resource is passed to
   * @param serviceLinkedRole the service whose service-linked role a first create makes
   * @param targetTrackingAlarms CloudWatch actions target tracking runs with the caller's rights
   * @param adopted the resource exists before the program adopts it (the VPC's default group)
   * @param adminOnly actions only the administrator may call (trust policy changes)
   */
  record Entry(
      String type,
      String arn,
      Confine confine,
      List<String> create,
      List<String> read,
      List<String> sensitiveRead,
      List<String> update,
      List<String> delete,
      List<String> tag,
      List<String> untag,
      Optional<String> createAction,
      Optional<String> launchCreateAction,
      Optional<String> passRole,
      Optional<String> serviceLinkedRole,
      List<String> targetTrackingAlarms,
      boolean adopted,
      List<String> adminOnly) {

    /** Every action that changes something. */
    List<String> changes() {
      var out = new ArrayList<String>();
      out.addAll(create);
      out.addAll(update);
      out.addAll(delete);
      out.addAll(tag);
      out.addAll(untag);
      out.addAll(sensitiveRead);
      return out.stream().distinct().filter(a -> !adminOnly.contains(a)).toList();
    }

    /** Reads that return no secret value. */
    List<String> plainReads() {
      return read.stream().filter(a -> !sensitiveRead.contains(a)).toList();
    }

    String service() {
      var first = create.isEmpty() ? read.get(0) : create.get(0);
      return first.substring(0, first.indexOf(':'));
    }
  }

  private final Map<String, Entry> types;
  private final Map<String, List<String>> invokes;

  private DeployActionTable(Map<String, Entry> types, Map<String, List<String>> invokes) {
    this.types = types;
    this.invokes = invokes;
  }

  static DeployActionTable load() {
    try (var in = DeployActionTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      var root = new ObjectMapper().readTree(in);
      var types = new TreeMap<String, Entry>();
      root.path("resourceTypes").properties().forEach(f -> types.put(f.getKey(), entry(f)));
      var invokes = new TreeMap<String, List<String>>();
      root.path("invokes")
          .properties()
          .forEach(f -> invokes.put(f.getKey(), strings(f.getValue().path("actions"))));
      return new DeployActionTable(types, invokes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entry(Map.Entry<String, JsonNode> field) {
    var e = field.getValue();
    return new Entry(
        field.getKey(),
        e.path("nameArn").asText(e.path("arn").asText()),
        Confine.valueOf(e.path("confine").asText().toUpperCase(java.util.Locale.ROOT)),
        strings(e.path("create")),
        strings(e.path("read")),
        strings(e.path("sensitiveRead")),
        strings(e.path("update")),
        strings(e.path("delete")),
        strings(e.path("tag")),
        strings(e.path("untag")),
        text(e, "createAction"),
        text(e, "launchCreateAction"),
        text(e, "passRole"),
        text(e, "serviceLinkedRole"),
        strings(e.path("targetTrackingAlarms")),
        e.path("adopted").asBoolean(false),
        strings(e.path("adminOnly")));
  }

  private static Optional<String> text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /** The entry of a type; a type the table does not know fails loudly. */
  Entry type(String type) {
    var entry = types.get(type);
    if (entry == null) {
      throw new IllegalArgumentException(
          "resource type " + type + " is not in " + RESOURCE + ": add its actions with sources");
    }
    return entry;
  }

  /** The actions of an invoke; an invoke the table does not know fails loudly. */
  List<String> invoke(String token) {
    var actions = invokes.get(token);
    if (actions == null) {
      throw new IllegalArgumentException(
          "invoke " + token + " is not in " + RESOURCE + ": add its actions with sources");
    }
    return actions;
  }
}
