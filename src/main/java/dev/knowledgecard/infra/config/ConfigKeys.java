package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The full config keys a stack sets, and which of them were set as secrets ({@code secure:}), as
 * the Pulumi CLI hands them to the program.
 *
 * @param present every full key ({@code ns:key}) the stack sets; empty when unknown, which turns
 *     off the checks that need it (unknown keys, secure-only keys)
 * @param secure the keys whose value is a {@code secure:} value
 */
public record ConfigKeys(Set<String> present, Set<String> secure) {
  /** The variable the Pulumi language host puts the stack's whole config in, as JSON. */
  static final String PULUMI_CONFIG = "PULUMI_CONFIG";

  /** The variable listing the keys of secret values (a JSON array), read by the Pulumi SDK too. */
  static final String PULUMI_CONFIG_SECRET_KEYS = "PULUMI_CONFIG_SECRET_KEYS";

  public static final ConfigKeys UNKNOWN = new ConfigKeys(Set.of(), Set.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  public ConfigKeys {
    present = Set.copyOf(present);
    secure = Set.copyOf(secure);
  }

  /** The keys in {@code PULUMI_CONFIG} and {@code PULUMI_CONFIG_SECRET_KEYS}. */
  public static ConfigKeys fromEnvironment(Map<String, String> environment) {
    return new ConfigKeys(
        names(environment, PULUMI_CONFIG, "the JSON object"),
        names(environment, PULUMI_CONFIG_SECRET_KEYS, "the JSON array"));
  }

  private static Set<String> names(Map<String, String> environment, String variable, String shape) {
    var json = environment.get(variable);
    if (json == null || json.isBlank()) {
      return Set.of();
    }
    try {
      var node = JSON.readTree(json);
      var keys = new HashSet<String>();
      if (node.isObject()) {
        node.fieldNames().forEachRemaining(keys::add);
      } else {
        node.forEach(element -> keys.add(element.asText()));
      }
      return Set.copyOf(keys);
    } catch (JsonProcessingException e) {
      // Never e.getMessage(): Jackson quotes the input, which holds the decrypted config.
      throw new IllegalStateException(variable + " is not " + shape + " Pulumi passes");
    }
  }
}
