package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The full config keys a stack sets, as the Pulumi CLI hands them to the program. */
public final class ConfigKeys {
  /** The variable the Pulumi language host puts the stack's whole config in, as JSON. */
  static final String PULUMI_CONFIG = "PULUMI_CONFIG";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigKeys() {}

  /** The keys in {@code PULUMI_CONFIG}; empty (no unknown-key check) when it is absent. */
  public static Set<String> fromEnvironment(Map<String, String> environment) {
    var json = environment.get(PULUMI_CONFIG);
    if (json == null || json.isBlank()) {
      return Set.of();
    }
    try {
      var keys = new HashSet<String>();
      JSON.readTree(json).fieldNames().forEachRemaining(keys::add);
      return Set.copyOf(keys);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(PULUMI_CONFIG + " is not the JSON object Pulumi passes", e);
    }
  }
}
