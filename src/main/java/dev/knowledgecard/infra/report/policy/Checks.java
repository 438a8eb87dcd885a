package dev.knowledgecard.infra.report.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shapes the rules share: a check per resource, boolean and text inputs, policy documents. */
final class Checks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AWS_MANAGED_POLICY =
      Pattern.compile("arn:aws(-cn|-us-gov)?:iam::aws:policy/(.+)");

  private Checks() {}

  /** A check of one resource: empty when it complies, else what is wrong. */
  @FunctionalInterface
  interface Check {
    Optional<String> problem(GraphResource r);
  }

  /**
   * The resources a group of rules checks one by one: a type, and the noun findings name it by.
   *
   * @param type the resource type token
   * @param noun e.g. {@code "RDS instance"}, as in "every RDS instance (2): ..."
   */
  record Subjects(String type, String noun) {
    /** Every resource of the type passes the check, or the finding names those that fail. */
    Finding each(StackGraph g, String passReason, Check check) {
      return Checks.each(g, type, noun, passReason, check);
    }
  }

  static Finding each(StackGraph g, String type, String noun, String passReason, Check check) {
    return each(g.all(type), noun, passReason, check);
  }

  static Finding each(List<GraphResource> resources, String noun, String passReason, Check check) {
    if (resources.isEmpty()) {
      return Finding.notApplicable("no " + noun + " in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var r : resources) {
      var problem = check.problem(r);
      if (problem.isPresent()) {
        failed.add(r.name());
        problems.add(r.name() + ": " + problem.get());
      }
    }
    var names = resources.stream().map(GraphResource::name).toList();
    return failed.isEmpty()
        ? Finding.pass(names, "every " + noun + " (" + names.size() + "): " + passReason)
        : Finding.fail(failed, String.join("; ", problems));
  }

  /** The input must be true; {@code awsDefault} is what AWS applies when it is unset. */
  static Optional<String> isTrue(GraphResource r, Prop input, boolean awsDefault) {
    return bool(input.of(r), awsDefault)
        ? Optional.empty()
        : Optional.of(input.path() + " is " + shown(input.of(r)) + ", not true");
  }

  /** The input must be false; {@code awsDefault} is what AWS applies when it is unset. */
  static Optional<String> isFalse(GraphResource r, Prop input, boolean awsDefault) {
    return bool(input.of(r), awsDefault)
        ? Optional.of(input.path() + " is " + shown(input.of(r)) + ", not false")
        : Optional.empty();
  }

  static Optional<String> equalsText(
      GraphResource r, Prop input, String expected, String whenUnset) {
    var value = input.of(r).asText(whenUnset);
    return expected.equals(value)
        ? Optional.empty()
        : Optional.of(input.path() + " is " + value + ", not " + expected);
  }

  static boolean bool(JsonNode node, boolean awsDefault) {
    if (node.isMissingNode() || node.isNull()) {
      return awsDefault;
    }
    return node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText());
  }

  static String shown(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? "unset" : node.asText();
  }

  /** A JSON input (a policy, container definitions) as a tree, or empty when not parseable. */
  static Optional<JsonNode> parse(JsonNode node) {
    if (node.isArray() || node.isObject()) {
      return Optional.of(node);
    }
    try {
      return Optional.of(JSON.readTree(node.asText("")));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The statements of a policy document (one object or a list). */
  static List<JsonNode> statements(JsonNode document) {
    var s = document.path("Statement");
    var out = new ArrayList<JsonNode>();
    if (s.isArray()) {
      s.forEach(out::add);
    } else if (s.isObject()) {
      out.add(s);
    }
    return out;
  }

  /** Whether {@code arn} is the AWS-managed policy {@code name}, in any partition. */
  static boolean isAwsManagedPolicy(String arn, String name) {
    var m = AWS_MANAGED_POLICY.matcher(arn);
    return m.matches() && m.group(2).equals(name);
  }
}
