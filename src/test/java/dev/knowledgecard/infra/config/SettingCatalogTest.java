package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The setting descriptors and the reader agree: one source for the configuration reference. */
class SettingCatalogTest {

  /** A stack file's config as a source that records every key the reader asks for. */
  static final class RecordingSource implements ConfigSource {
    final Map<String, String> config;
    final Set<String> secure;
    final Set<String> asked = new TreeSet<>();

    RecordingSource(Map<String, String> config, Set<String> secure) {
      this.config = config;
      this.secure = secure;
    }

    @Override
    public Optional<String> get(String namespace, String key) {
      asked.add(namespace + ":" + key);
      return Optional.ofNullable(config.get(namespace + ":" + key));
    }

    @Override
    public Output<Optional<String>> getSecret(String namespace, String key) {
      return Output.ofSecret(get(namespace, key));
    }

    @Override
    public Set<String> presentKeys() {
      return config.keySet();
    }

    @Override
    public Set<String> secureKeys() {
      return secure;
    }
  }

  static Set<String> keysReadFor(String stack) {
    var program = StackFixture.stackFile(stack);
    var source = new RecordingSource(program.config(), program.secretKeys());
    try {
      StackConfig.load(source, program.project(), program.stack());
    } catch (InvalidConfigException e) {
      // Reading goes on past problems, so the keys asked for are complete either way.
    }
    return source.asked;
  }

  /**
   * Keys whose default the catalog states in words (derived from the region, the stack, another
   * key, or in friendlier units), so no literal can be set to compare.
   */
  static final Set<String> DEFAULTS_IN_WORDS =
      Set.of(
          "knowledge-card:availabilityZones",
          "knowledge-card:mediaBucketName",
          "knowledge-card:githubEnvironment",
          "knowledge-card:stateBucketName",
          "knowledge-card:stateKmsKeyArn",
          "knowledge-card:budgetEmails",
          "knowledge-card:budgetScope",
          "knowledge-card:migrationImageTag",
          "knowledge-card:alarmDbFreeStorageBytes",
          "knowledge-card:alarmDbFreeableMemoryBytes");

  /**
   * What loading a committed stack file with {@code key} set to {@code value} (null: unset) gives.
   */
  static String outcome(String stack, String key, String value) {
    var overrides = new HashMap<String, String>();
    overrides.put(key, value);
    var program = StackFixture.withConfig(stack, overrides);
    try {
      return StackConfig.load(
              new RecordingSource(program.config(), program.secretKeys()),
              program.project(),
              program.stack())
          .toString();
    } catch (InvalidConfigException e) {
      return "invalid: " + e.problems();
    }
  }

  /**
   * The config values a default cell states, one per key of the row ({@code 24 / 22 / 24}), with
   * its note dropped ({@code false (waives RDS.5)}); empty when it is not a plain value.
   */
  static List<String> literals(String cell, int keys) {
    var parts = cell.replaceAll(" \\(.*\\)$", "").split(" / ");
    var values = new ArrayList<String>();
    for (var part : parts) {
      var value = part.replace("`", "").trim();
      if (value.isEmpty() || value.contains(" ") || value.contains("<")) {
        return List.of();
      }
      if (value.startsWith("[") && !value.equals("[]")) {
        // [ec2] in the table is the JSON list ["ec2"] in config.
        value = value.replaceAll("([\\[,]\\s*)([^\\],\\s]+)", "$1\"$2\"");
      }
      values.add(value);
    }
    return values.size() == keys ? values : List.of();
  }

  @ParameterizedTest(
      name = "every {0} default the catalog states is the one the reader falls back to")
  @ValueSource(strings = {"staging", "prod"})
  void describedDefaultsAreTheReadersDefaults(String stack) {
    var wrong = new ArrayList<String>();
    for (var setting : SettingCatalog.ALL) {
      var cell =
          stack.equals("prod") && !setting.prodDefault().equals("same")
              ? setting.prodDefault()
              : setting.stagingDefault();
      var keys = setting.fullKeys();
      if (cell.startsWith("required") || cell.startsWith("none") || cell.startsWith("set:")) {
        continue; // no default: the stack file must (or may) set it
      }
      var values = literals(cell, keys.size());
      for (var i = 0; i < keys.size(); i++) {
        var key = keys.get(i);
        if (DEFAULTS_IN_WORDS.contains(key)) {
          continue;
        }
        if (values.isEmpty()) {
          wrong.add(key + ": '" + cell + "' is no config value (or list it in DEFAULTS_IN_WORDS)");
        } else if (!outcome(stack, key, null).equals(outcome(stack, key, values.get(i)))) {
          wrong.add(
              key + ": the catalog says " + values.get(i) + ", the reader defaults otherwise");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  @DisplayName("reading a key that has no descriptor fails, naming the key")
  void undescribedKeyCannotBeRead() {
    var reader =
        new ConfigReader(
            new RecordingSource(Map.of(), Set.of()),
            StackConfig.NAMESPACE,
            new ConfigReader.Ledger());
    var thrown = assertThrows(IllegalStateException.class, () -> reader.raw("notASetting"));
    assertTrue(thrown.getMessage().contains("knowledge-card:notASetting"), thrown.getMessage());
  }

  @Test
  @DisplayName("the committed stacks load with every key they read described")
  void committedStacksReadOnlyDescribedKeys() {
    // The reader refuses an undescribed key before asking the source (undescribedKeyCannotBeRead):
    // loading a stack that reads one throws.
    for (var stack : List.of("staging", "prod", "e2e")) {
      var read = assertDoesNotThrow(() -> keysReadFor(stack), stack);
      assertFalse(read.isEmpty(), stack + " read no key");
    }
  }

  @Test
  @DisplayName("every descriptor names a key the program reads: no stale rows in the reference")
  void everyDescribedKeyIsRead() {
    var read = new HashSet<String>();
    for (var stack : List.of("staging", "prod", "e2e")) {
      read.addAll(keysReadFor(stack));
    }
    var stale = new TreeSet<String>();
    SettingCatalog.ALL.forEach(
        setting -> setting.fullKeys().stream().filter(k -> !read.contains(k)).forEach(stale::add));
    assertEquals(Set.of(), stale, "described in SettingCatalog but never read");
  }

  @Test
  @DisplayName("each key is described once")
  void eachKeyDescribedOnce() {
    var seen = new HashSet<String>();
    var twice = new TreeSet<String>();
    SettingCatalog.ALL.forEach(
        setting -> setting.fullKeys().stream().filter(k -> !seen.add(k)).forEach(twice::add));
    assertEquals(Set.of(), twice);
  }
}
