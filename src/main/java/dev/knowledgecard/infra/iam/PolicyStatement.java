package dev.knowledgecard.infra.iam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One IAM policy statement built from typed values whose ARNs may still be unresolved {@link
 * Output}s. Render a list of them with {@link PolicyDocument#of}.
 *
 * <pre>{@code
 * PolicyStatement.allow("ReadAppSecrets")
 *     .actions("secretsmanager:GetSecretValue")
 *     .resources(secretArns)
 *     .build();
 * }</pre>
 */
public final class PolicyStatement {
  private final String sid;
  private final String effect;
  private final List<String> actions;
  private final List<Output<String>> resources;
  private final Map<String, List<Output<String>>> principals;
  private final Map<String, Map<String, List<Output<String>>>> conditions;

  private PolicyStatement(Builder b) {
    this.sid = b.sid;
    this.effect = b.effect;
    this.actions = List.copyOf(b.actions);
    this.resources = List.copyOf(b.resources);
    this.principals = sortedCopy(b.principals);
    this.conditions = new TreeMap<>();
    b.conditions.forEach((op, byKey) -> conditions.put(op, sortedCopy(byKey)));
  }

  public static Builder allow(String sid) {
    return new Builder(sid, "Allow");
  }

  public static Builder deny(String sid) {
    return new Builder(sid, "Deny");
  }

  /**
   * An upper bound of the statement's size in a policy without whitespace, for splitting policies
   * under IAM's size limits: an unresolved value counts as {@value #UNRESOLVED_SIZE} characters.
   */
  public int estimatedSize() {
    var size = 40 + sid.length() + effect.length();
    size += actions.stream().mapToInt(a -> a.length() + 3).sum();
    size += resources.size() * UNRESOLVED_SIZE;
    for (var entry : conditions.entrySet()) {
      size += entry.getKey().length() + 6;
      for (var byKey : entry.getValue().entrySet()) {
        size += byKey.getKey().length() + 6 + byKey.getValue().size() * UNRESOLVED_SIZE;
      }
    }
    for (var entry : principals.entrySet()) {
      size += entry.getKey().length() + 6 + entry.getValue().size() * UNRESOLVED_SIZE;
    }
    return size;
  }

  private static final int UNRESOLVED_SIZE = 100;

  /** Resolves every ARN and renders the statement as IAM JSON. */
  Output<ObjectNode> render() {
    var pending = new ArrayList<Output<String>>();
    principals.values().forEach(pending::addAll);
    pending.addAll(resources);
    conditions.values().forEach(byKey -> byKey.values().forEach(pending::addAll));
    return Output.all(pending).applyValue(values -> toJson(values.iterator()));
  }

  private ObjectNode toJson(Iterator<String> values) {
    var node = JsonNodeFactory.instance.objectNode();
    node.put("Sid", sid);
    node.put("Effect", effect);
    if (!principals.isEmpty()) {
      var p = node.putObject("Principal");
      principals.forEach(
          (type, ids) -> {
            var array = p.putArray(type);
            ids.forEach(ignored -> array.add(values.next()));
          });
    }
    var actionArray = node.putArray("Action");
    actions.forEach(actionArray::add);
    if (!resources.isEmpty()) {
      var resourceArray = node.putArray("Resource");
      resources.forEach(ignored -> resourceArray.add(values.next()));
    }
    if (!conditions.isEmpty()) {
      var c = node.putObject("Condition");
      conditions.forEach(
          (op, byKey) -> {
            var opNode = c.putObject(op);
            byKey.forEach(
                (key, list) -> {
                  var array = opNode.putArray(key);
                  list.forEach(ignored -> array.add(values.next()));
                });
          });
    }
    return node;
  }

  private static Map<String, List<Output<String>>> sortedCopy(
      Map<String, List<Output<String>>> in) {
    var out = new TreeMap<String, List<Output<String>>>();
    in.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** Builds a statement; actions are always explicit names. */
  public static final class Builder {
    private final String sid;
    private final String effect;
    private final List<String> actions = new ArrayList<>();
    private final List<Output<String>> resources = new ArrayList<>();
    private final Map<String, List<Output<String>>> principals = new TreeMap<>();
    private final Map<String, Map<String, List<Output<String>>>> conditions = new TreeMap<>();

    private Builder(String sid, String effect) {
      this.sid = sid;
      this.effect = effect;
    }

    public Builder actions(List<String> names) {
      actions.addAll(names);
      return this;
    }

    public Builder actions(String... names) {
      return actions(List.of(names));
    }

    public Builder resources(List<Output<String>> arns) {
      resources.addAll(arns);
      return this;
    }

    public Builder resource(Output<String> arn) {
      resources.add(arn);
      return this;
    }

    public Builder resource(String arn) {
      return resource(Output.of(arn));
    }

    public Builder principal(String type, Output<String> id) {
      principals.computeIfAbsent(type, k -> new ArrayList<>()).add(id);
      return this;
    }

    public Builder principal(String type, String id) {
      return principal(type, Output.of(id));
    }

    public Builder servicePrincipal(String service) {
      return principal("Service", service);
    }

    public Builder condition(String operator, String key, List<Output<String>> values) {
      conditions
          .computeIfAbsent(operator, k -> new TreeMap<>())
          .computeIfAbsent(key, k -> new ArrayList<>())
          .addAll(values);
      return this;
    }

    public Builder condition(String operator, String key, String... values) {
      return condition(operator, key, List.of(values).stream().map(Output::of).toList());
    }

    public Builder condition(String operator, String key, Output<String> value) {
      return condition(operator, key, List.of(value));
    }

    public PolicyStatement build() {
      if (actions.isEmpty()) {
        throw new IllegalStateException("statement " + sid + " has no actions");
      }
      return new PolicyStatement(this);
    }
  }
}
