package dev.knowledgecard.infra.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.knowledgecard.infra.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a project's {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} into the flat config the
 * Pulumi CLI would hand the program. {@code secure:} values cannot be decrypted offline, so they
 * become a clearly marked placeholder that stays secret in the graph.
 */
public final class StackFiles {
  /** Stands in for a {@code secure:} value during an offline synth; never deployed. */
  public static final String SECRET_PLACEHOLDER = ConfigSource.OFFLINE_SECRET_PLACEHOLDER;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private StackFiles() {}

  /** The project name, from {@code Pulumi.yaml}. */
  public static String projectName(Path projectDir) throws IOException {
    var project = read(projectDir.resolve("Pulumi.yaml"));
    var name = project.path("name").asText("");
    if (name.isEmpty()) {
      throw new IOException(projectDir.resolve("Pulumi.yaml") + " has no project name");
    }
    return name;
  }

  public static OfflineEngine.Program program(Path projectDir, String stack) throws IOException {
    var project = projectName(projectDir);
    var stackFile = read(projectDir.resolve("Pulumi." + stack + ".yaml"));
    var config = new LinkedHashMap<String, String>();
    var secretKeys = new HashSet<String>();
    for (var entry : stackFile.path("config").properties()) {
      var key = entry.getKey().contains(":") ? entry.getKey() : project + ":" + entry.getKey();
      put(config, secretKeys, key, entry.getValue());
    }
    return new OfflineEngine.Program(project, stack, config, secretKeys);
  }

  private static void put(
      Map<String, String> config, Set<String> secretKeys, String key, JsonNode value)
      throws IOException {
    if (value.isObject() && value.size() == 1 && value.has("secure")) {
      config.put(key, SECRET_PLACEHOLDER);
      secretKeys.add(key);
    } else if (value.isValueNode()) {
      config.put(key, value.asText());
    } else {
      config.put(key, JSON.writeValueAsString(value));
    }
  }

  private static JsonNode read(Path file) throws IOException {
    try {
      var node = YAML.readTree(Files.readString(file));
      return node == null ? JSON.createObjectNode() : node;
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "stack file not found");
    }
  }
}
