package dev.knowledgecard.infra.iam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAM policy statement built from typed values, whose ARNs may still be unresolved {@link
 * Output}s. Render a list of them with {@link PolicyDocument#of}.
 */
public final class PolicyStatement {
  private final String sid;
  private final String effect;
  private final List<String> actions;
  private final List<Output<String>> resources;
  private final Map<String, List<String>> principals;
  private final Map<String, Map<String, List<Output<String>>>> conditions;

  private PolicyStatement(Builder b) {
    this.sid = b.sid;
    this.effect = b.effect;
    this.actions = List.copyOf(b.actions);
    this.resources = List.copyOf(b.resources);
    this.principals = Map.copyOf(b.principals);
    this.conditions = Map.copyOf(b.conditions);
  }

  public static Builder allow(String sid) {
    return new Builder(sid, "Allow");
  }

  public static Builder deny(String sid) {
    return new Builder(sid, "Deny");
  }

  public List<String> actions() {
    return actions;
  }

  /** Resolves every ARN and renders the statement as IAM JSON. */
  Output<ObjectNode> render() {
    var pending = new ArrayList<Output<String>>(resources);
    var conditionValues = new ArrayList<Output<String>>();
    conditions.values().forEach(byKey -> byKey.values().forEach(conditionValues::addAll));
    pending.addAll(conditionValues);
    return Output.all(pending)
        .applyValue(
            values -> {
              var f = JsonNodeFactory.instance;
              var node = f.objectNode();
              node.put("Sid", sid);
              node.put("Effect", effect);
              if (!principals.isEmpty()) {
                var p = node.putObject("Principal");
                new java.util.TreeMap<>(principals)
                    .forEach((type, ids) -> ids.forEach(p.withArray(type)::add));
              }
              var actionArray = node.putArray("Action");
              actions.forEach(actionArray::add);
              if (!resources.isEmpty()) {
                var resourceArray = node.putArray("Resource");
                values.subList(0, resources.size()).forEach(resourceArray::add);
              }
              if (!conditions.isEmpty()) {
                var c = node.putObject("Condition");
                int i = resources.size();
                for (var op : new java.util.TreeMap<>(conditions).entrySet()) {
                  var opNode = c.putObject(op.getKey());
                  for (var key : new java.util.TreeMap<>(op.getValue()).entrySet()) {
                    var arr = opNode.putArray(key.getKey());
                    for (int k = 0; k < key.getValue().size(); k++) {
                      arr.add(values.get(i++));
                    }
                  }
                }
              }
              return node;
            });
  }

  /** Builds a statement; actions are explicit (never {@code *}) unless a caller says otherwise. */
  public static final class Builder {
    private final String sid;
    private final String effect;
    private final List<String> actions = new ArrayList<>();
    private final List<Output<String>> resources = new ArrayList<>();
    private final Map<String, List<String>> principals = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Output<String>>>> conditions = new LinkedHashMap<>();

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

    public Builder principal(String type, String... ids) {
      principals.computeIfAbsent(type, k -> new ArrayList<>()).addAll(List.of(ids));
      return this;
    }

    public Builder servicePrincipal(String service) {
      return principal("Service", service);
    }

    public Builder condition(String operator, String key, List<Output<String>> values) {
      conditions
          .computeIfAbsent(operator, k -> new LinkedHashMap<>())
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
