package dev.knowledgecard.infra.synth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.knowledgecard.infra.config.ConfigReader;
import dev.knowledgecard.infra.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a project's {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} into the flat config the
 * Pulumi CLI would hand the program, and rejects what the CLI rejects: duplicate keys, YAML syntax
 * errors, malformed keys. The project file's {@code config:} block applies and the stack file
 * overrides it, as Pulumi does (https://www.pulumi.com/docs/iac/concepts/projects/project-file/,
 * "config options"). YAML nulls and non-finite numbers ({@code .inf}, {@code .nan}) are not values
 * this program takes: they are errors, not the strings {@code "null"} or {@code "Infinity"}. {@code
 * secure:} values cannot be decrypted offline, so they become a clearly marked placeholder that
 * stays secret in the graph.
 */
public final class StackFiles {
  /** Stands in for a {@code secure:} value during an offline synth; never deployed. */
  public static final String SECRET_PLACEHOLDER = ConfigSource.OFFLINE_SECRET_PLACEHOLDER;

  /** Pulumi's own rule for stack names (its DIY backend's {@code validateStackName}). */
  public static final String STACK_NAME_RULE =
      "1-100 letters, digits, hyphens, underscores or periods, starting with a letter or digit"
          + " (no path separators)";

  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  /** Top-level attributes of a stack settings file (Pulumi's stack settings file reference). */
  private static final Set<String> STACK_FILE_ATTRIBUTES =
      Set.of("config", "secretsprovider", "encryptedkey", "encryptionsalt");

  /** Fields of a typed project-level config declaration. */
  private static final Set<String> DECLARATION_FIELDS =
      Set.of("type", "description", "default", "value", "secret", "items");

  private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final ObjectMapper JSON = new ObjectMapper();

  private StackFiles() {}

  /** A stack file the CLI would reject; the message names file, line and key, never a secret. */
  public static final class InvalidStackFileException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidStackFileException(List<String> problems) {
      super(
          "invalid stack configuration ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  /** True for a name Pulumi accepts as a stack name, which is then safe in a file name. */
  public static boolean isStackName(String name) {
    return name != null && STACK_NAME.matcher(name).matches();
  }

  /** The project name, from {@code Pulumi.yaml}. */
  public static String projectName(Path projectDir) throws IOException {
    var file = projectDir.resolve("Pulumi.yaml");
    var name = read(file).tree().path("name").asText("");
    if (name.isEmpty()) {
      throw new IOException(file + " has no project name");
    }
    return name;
  }

  public static OfflineEngine.Program program(Path projectDir, String stack) throws IOException {
    if (!isStackName(stack)) {
      throw new InvalidStackFileException(
          List.of("stack name \"" + stack + "\": allowed: " + STACK_NAME_RULE));
    }
    var projectFile = projectDir.resolve("Pulumi.yaml");
    var project = projectName(projectDir);
    var problems = new ArrayList<String>();
    var config = new LinkedHashMap<String, String>();
    var secretKeys = new HashSet<String>();
    var declaredSecret = new HashSet<String>();

    var projectYaml = read(projectFile);
    var projectConfig = projectYaml.tree().path("config");
    if (!projectConfig.isMissingNode() && !projectConfig.isNull()) {
      if (!projectConfig.isObject()) {
        problems.add(at(projectYaml, "config") + "config: allowed: a map of config keys");
      } else {
        for (var entry : projectConfig.properties()) {
          var key = fullKey(project, entry.getKey());
          var value = entry.getValue();
          var where = at(projectYaml, entry.getKey());
          if (isDeclaration(value)) {
            if (value.path("secret").asBoolean(false)) {
              declaredSecret.add(key);
            }
            value = value.has("value") ? value.get("value") : value.path("default");
            if (value.isMissingNode()) {
              continue; // a declaration without a value: the stack file must set it
            }
          }
          if (isSecure(value)) {
            problems.add(
                where
                    + key
                    + " = "
                    + ConfigReader.REDACTED
                    + ": allowed: a plain value (secure values belong in the stack file)");
            continue;
          }
          put(problems, where, key, entry.getKey(), value, config, secretKeys);
        }
      }
    }

    var stackYaml = read(projectDir.resolve("Pulumi." + stack + ".yaml"));
    var root = stackYaml.tree();
    if (!root.isObject()) {
      problems.add(stackYaml.file().getFileName() + ": allowed: a YAML map with a config: block");
    } else {
      for (var name : iterable(root)) {
        if (!STACK_FILE_ATTRIBUTES.contains(name)) {
          problems.add(
              at(stackYaml, name)
                  + name
                  + ": not a stack file attribute; allowed: "
                  + new java.util.TreeSet<>(STACK_FILE_ATTRIBUTES));
        }
      }
      var stackConfig = root.path("config");
      if (!stackConfig.isMissingNode() && !stackConfig.isNull() && !stackConfig.isObject()) {
        problems.add(at(stackYaml, "config") + "config: allowed: a map of config keys");
      } else if (stackConfig.isObject()) {
        for (var entry : stackConfig.properties()) {
          var key = fullKey(project, entry.getKey());
          config.remove(key); // the stack file overrides the project's value
          secretKeys.remove(key);
          put(
              problems,
              at(stackYaml, entry.getKey()),
              key,
              entry.getKey(),
              entry.getValue(),
              config,
              secretKeys);
        }
      }
    }
    for (var key : declaredSecret) {
      if (config.containsKey(key) && !secretKeys.contains(key)) {
        problems.add(
            key
                + " = (plain text, not shown): allowed: a secure value (Pulumi.yaml declares it"
                + " secret)");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidStackFileException(problems);
    }
    return new OfflineEngine.Program(project, stack, config, secretKeys);
  }

  private static String fullKey(String project, String key) {
    return key.contains(":") ? key : project + ":" + key;
  }

  private static boolean isDeclaration(JsonNode value) {
    if (!value.isObject() || value.isEmpty()) {
      return false;
    }
    for (var field : iterable(value)) {
      if (!DECLARATION_FIELDS.contains(field)) {
        return false;
      }
    }
    return value.has("type") || value.has("default") || value.has("value");
  }

  private static boolean isSecure(JsonNode value) {
    return value.isObject() && value.has("secure");
  }

  /** Records one key's value, or the problems with it; never shows a secure value. */
  private static void put(
      List<String> problems,
      String where,
      String key,
      String written,
      JsonNode value,
      Map<String, String> config,
      Set<String> secretKeys) {
    var parts = written.split(":", -1);
    if (parts.length > 2
        || java.util.Arrays.stream(parts).anyMatch(p -> !KEY_PART.matcher(p).matches())) {
      problems.add(
          where
              + "\""
              + written
              + "\": not a config key; allowed: <namespace>:<name> or <name> (letters, digits,"
              + " _ . -)");
      return;
    }
    if (isSecure(value)) {
      if (value.size() != 1 || !value.get("secure").isTextual()) {
        problems.add(
            where
                + key
                + " = "
                + ConfigReader.REDACTED
                + ": allowed: {secure: <ciphertext>} alone");
        return;
      }
      config.put(key, SECRET_PLACEHOLDER);
      secretKeys.add(key);
      return;
    }
    var bad = badValue(value);
    if (bad != null) {
      problems.add(
          where
              + key
              + " = "
              + bad
              + ": allowed: a string, number, boolean, list or map (YAML null, .inf and .nan are"
              + " not values; remove the key to get its default)");
      return;
    }
    if (containsSecure(value)) {
      problems.add(
          where
              + key
              + " = "
              + ConfigReader.REDACTED
              + ": allowed: a secure value only as a whole key's value");
      return;
    }
    try {
      config.put(key, value.isValueNode() ? value.asText() : JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      problems.add(where + key + ": allowed: a value that can be written as JSON");
    }
  }

  /** How a null or non-finite value anywhere inside {@code value} is shown, or null. */
  private static String badValue(JsonNode value) {
    if (value.isNull()) {
      return "(null)";
    }
    if (value.isNumber() && !Double.isFinite(value.asDouble())) {
      return "(" + value.asText() + ")";
    }
    for (var child : value) {
      var bad = badValue(child);
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  private static boolean containsSecure(JsonNode value) {
    for (var child : value) {
      if (isSecure(child) || containsSecure(child)) {
        return true;
      }
    }
    return false;
  }

  private static Iterable<String> iterable(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A parsed YAML file with the line of every top-level and config key. */
  private record YamlFile(Path file, JsonNode tree, Map<String, Integer> lines) {}

  private static String at(YamlFile yaml, String key) {
    var line = yaml.lines().get(key);
    return yaml.file().getFileName() + (line == null ? "" : ":" + line) + ": ";
  }

  private static YamlFile read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "stack file not found");
    }
    try {
      var node = YAML.readTree(text);
      return new YamlFile(file, node == null ? JSON.createObjectNode() : node, lines(text));
    } catch (JsonProcessingException e) {
      // Never e.getMessage(): the YAML parser quotes the offending line, which may be a secret.
      var location = e.getLocation();
      var key = location == null ? null : keyAtLine(text, location.getLineNr());
      var problem =
          e.getOriginalMessage().startsWith("Duplicate field")
              ? "duplicate key " + duplicateKey(e.getOriginalMessage()) + " (Pulumi rejects it)"
              : "not valid YAML";
      throw new InvalidStackFileException(
          List.of(
              file.getFileName()
                  + (location == null ? "" : ":" + location.getLineNr())
                  + ": "
                  + (key == null ? "" : key + ": ")
                  + problem
                  + "; allowed: a YAML map with each key once, of strings, numbers, booleans,"
                  + " lists and maps (no .inf or .nan)"));
    }
  }

  /** The key written on {@code line}, when the file's keys can be read at all. */
  private static String keyAtLine(String text, int line) {
    try {
      return lines(text).entrySet().stream()
          .filter(e -> e.getValue() == line)
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String duplicateKey(String message) {
    var start = message.indexOf('\'');
    var end = message.indexOf('\'', start + 1);
    return start >= 0 && end > start ? "\"" + message.substring(start + 1, end) + "\"" : "";
  }

  /** The line of each key of the root map and of its {@code config} map. */
  private static Map<String, Integer> lines(String text) throws IOException {
    var lines = new HashMap<String, Integer>();
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      var path = new ArrayList<String>();
      var depth = 0;
      for (var token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
          while (path.size() > depth) {
            path.remove(path.size() - 1);
          }
        } else if (token == JsonToken.FIELD_NAME) {
          while (path.size() >= depth) {
            path.remove(path.size() - 1);
          }
          path.add(parser.currentName());
          if (depth == 1 || (depth == 2 && "config".equals(path.get(0)))) {
            lines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
          }
        }
      }
    }
    return lines;
  }
}
