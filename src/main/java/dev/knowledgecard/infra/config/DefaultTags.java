package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code aws:defaultTags} ({@code {"tags": {...}}}), the AWS provider's own config shape.
 */
final class DefaultTags {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DefaultTags() {}

  /** The tags, or {@code null} when the value is not of the provider's shape. */
  static Map<String, String> parse(String json) {
    try {
      Map<String, Map<String, String>> parsed =
          JSON.readValue(json, new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
      if (parsed.keySet().stream().anyMatch(k -> !"tags".equals(k))) {
        return null;
      }
      return parsed.getOrDefault("tags", Map.of());
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
