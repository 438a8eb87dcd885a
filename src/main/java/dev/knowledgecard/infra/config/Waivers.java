package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The controls a stack knowingly does not meet ({@code knowledge-card:waivers}), each with a
 * reason, the resources it covers and, where {@link WaiverPolicy} asks, an owner and an expiry, so
 * every relaxation is visible in review and bounded in scope and time.
 *
 * @param byControl the waivers by control id
 * @param environment the stack's environment, whose policy {@link #requireFor} applies
 */
public record Waivers(Map<String, Waiver> byControl, Environment environment) {
  static final String KEY = "waivers";

  /** The waivers' full stack-config key, {@code knowledge-card:waivers}. */
  public static final String CONFIG_KEY = StackConfig.NAMESPACE + ":" + KEY;

  private static final int MIN_REASON_LENGTH = 10;
  private static final Set<String> FIELDS = Set.of("reason", "resources", "owner", "expires");
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");
  private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHAPE =
      "{reason: \"...\", resources: [<graph names>], owner: <team>, expires: \"YYYY-MM-DD\"}";

  public Waivers {
    byControl = Map.copyOf(byControl);
  }

  public boolean isWaived(String controlId) {
    return byControl.containsKey(controlId);
  }

  /**
   * The well-formed waivers of a {@code knowledge-card:waivers} value, for the report; the program
   * has already rejected a stack whose waivers break the policy.
   */
  public static Map<String, Waiver> parse(String json) {
    var out = new TreeMap<String, Waiver>();
    if (json == null || json.isBlank()) {
      return out;
    }
    try {
      JSON.readTree(json)
          .properties()
          .forEach(
              e ->
                  waiver(e.getKey(), e.getValue(), (k, v, a) -> {})
                      .ifPresent(w -> out.put(w.control(), w)));
    } catch (JsonProcessingException e) {
      return new TreeMap<>();
    }
    return out;
  }

  static Waivers read(ConfigReader reader, Environment env, String stack, LocalDate today) {
    var raw = reader.raw(KEY);
    var waivers = new LinkedHashMap<String, Waiver>();
    if (raw.isEmpty()) {
      return new Waivers(waivers, env);
    }
    JsonNode root;
    try {
      root = JSON.readTree(raw.get());
    } catch (JsonProcessingException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      reader.problem(KEY, raw.get(), "a map of control id to " + SHAPE);
      return new Waivers(waivers, env);
    }
    root.properties()
        .forEach(
            entry -> {
              var id = entry.getKey();
              var key = KEY + "." + id;
              var waiver = waiver(id, entry.getValue(), reader::problem);
              if (waiver.isEmpty()) {
                return;
              }
              var control = SecurityControl.byId(id);
              if (control.isEmpty()) {
                reader.problem(key, id, "a control id from security-controls.md");
              } else if (!WaiverPolicy.waivable(control.get(), env)) {
                var refusal = env.isProd() ? WaiverPolicy.refusalInProd(id) : null;
                reader.problem(
                    key,
                    id,
                    "control "
                        + id
                        + " ("
                        + control.get().title()
                        + ") is "
                        + (refusal != null
                            ? refusal
                            : "never waived; only controls that cost money or friction may be"));
              } else if (checkPolicy(reader, key, waiver.get(), env, stack, today)) {
                waivers.put(id, waiver.get());
              }
            });
    return new Waivers(waivers, env);
  }

  /** Where a malformed waiver is reported: key, value shown, what is allowed. */
  @FunctionalInterface
  private interface Problems {
    void add(String key, String value, String allowed);
  }

  /** The waiver of one entry, when its shape is right; every shape problem is reported. */
  private static Optional<Waiver> waiver(String id, JsonNode node, Problems problems) {
    var key = KEY + "." + id;
    if (!node.isObject()) {
      problems.add(key, node.asText(node.toString()), SHAPE);
      return Optional.empty();
    }
    var ok = true;
    var fields = new ArrayList<String>();
    node.fieldNames().forEachRemaining(fields::add);
    for (var field : fields) {
      if (!FIELDS.contains(field)) {
        problems.add(key + "." + field, node.get(field).asText(), "one of the fields " + SHAPE);
        ok = false;
      }
    }
    var reason = node.path("reason");
    if (!reason.isTextual() || reason.asText().trim().length() < MIN_REASON_LENGTH) {
      problems.add(
          key + ".reason",
          reason.isMissingNode() ? null : reason.asText(),
          "a written reason of at least " + MIN_REASON_LENGTH + " characters");
      ok = false;
    }
    var resources = new ArrayList<String>();
    var list = node.path("resources");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(
          key + ".resources",
          list.isMissingNode() ? null : list.toString(),
          "a non-empty list of the graph names of the resources the waiver covers");
      ok = false;
    } else {
      for (var element : list) {
        if (!element.isTextual() || !RESOURCE.matcher(element.asText()).matches()) {
          problems.add(
              key + ".resources",
              element.asText(element.toString()),
              "a resource's graph name (letters, digits, . _ -), as in the synth graph");
          ok = false;
        } else if (resources.contains(element.asText())) {
          problems.add(key + ".resources", element.asText(), "each resource once");
          ok = false;
        } else {
          resources.add(element.asText());
        }
      }
    }
    var owner = Optional.<String>empty();
    if (node.has("owner")) {
      var text = node.get("owner").asText("");
      if (!node.get("owner").isTextual() || !OWNER.matcher(text).matches()) {
        problems.add(key + ".owner", text, "a team or person: 2-64 letters, digits, . _ @ -");
        ok = false;
      } else {
        owner = Optional.of(text);
      }
    }
    var expires = Optional.<LocalDate>empty();
    if (node.has("expires")) {
      var text = node.get("expires").asText("");
      try {
        expires = Optional.of(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        problems.add(key + ".expires", text, "a date YYYY-MM-DD");
        ok = false;
      }
    }
    return ok
        ? Optional.of(new Waiver(id, reason.asText().trim(), resources, owner, expires))
        : Optional.empty();
  }

  /** Scope, owner and expiry rules of {@link WaiverPolicy}; true when the waiver holds. */
  private static boolean checkPolicy(
      ConfigReader reader,
      String key,
      Waiver waiver,
      Environment env,
      String stack,
      LocalDate today) {
    var ok = true;
    for (var resource : waiver.resources()) {
      if (!resource.startsWith(stack + "-")) {
        reader.problem(
            key + ".resources",
            resource,
            "a resource of this stack: graph names start with " + stack + "-");
        ok = false;
      }
    }
    var forced = WaiverPolicy.FORCED.containsKey(waiver.control());
    if (env.isProd() && !forced && (waiver.owner().isEmpty() || waiver.expires().isEmpty())) {
      reader.problem(
          key,
          waiver.control(),
          "in prod a waiver of a control nothing forces needs an owner and an expires date at"
              + " most "
              + WaiverPolicy.MAX_DAYS
              + " days ahead; forced controls: "
              + new TreeMap<>(WaiverPolicy.FORCED).keySet());
      ok = false;
    }
    if (waiver.owner().isPresent() != waiver.expires().isPresent()) {
      reader.problem(
          key + (waiver.owner().isPresent() ? ".expires" : ".owner"),
          null,
          "owner and expires go together: who renews it, and by when");
      ok = false;
    }
    var latest = today.plusDays(WaiverPolicy.MAX_DAYS);
    if (waiver.expires().isPresent()) {
      var expires = waiver.expires().get();
      if (expires.isBefore(today)) {
        reader.problem(
            key + ".expires",
            expires.toString(),
            "a date not past (today is "
                + today
                + "): the waiver expired; fix the control or renew it, at most "
                + latest);
        ok = false;
      } else if (expires.isAfter(latest)) {
        reader.problem(
            key + ".expires",
            expires.toString(),
            "a date at most " + WaiverPolicy.MAX_DAYS + " days ahead (" + latest + ")");
        ok = false;
      }
    }
    return ok;
  }

  /**
   * Records a problem when a setting relaxes {@code controlId} and the stack has not waived it (or
   * may not: prod never relaxes {@link WaiverPolicy#NEVER_IN_PROD}): a stack may lower the bar only
   * in writing.
   */
  public void requireFor(
      ConfigReader reader, boolean relaxed, String controlId, String key, String value) {
    if (!relaxed) {
      return;
    }
    var title = SecurityControl.byId(controlId).map(SecurityControl::title).orElse(controlId);
    var refusal = environment.isProd() ? WaiverPolicy.refusalInProd(controlId) : null;
    if (refusal != null) {
      reader.problem(
          key, value, "this breaks control " + controlId + " (" + title + "), " + refusal);
    } else if (!isWaived(controlId)) {
      reader.problem(
          key,
          value,
          "this relaxes control "
              + controlId
              + " ("
              + title
              + "); keep the secure setting or waive it under "
              + reader.fullKey(KEY)
              + "."
              + controlId
              + " "
              + SHAPE);
    }
  }
}
