package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

  @Test
  @DisplayName("reading a key that has no descriptor fails, naming the key")
  void undescribedKeyCannotBeRead() {
    var reader =
        new ConfigReader(
            new RecordingSource(Map.of(), Set.of()),
            StackConfig.NAMESPACE,
            new ArrayList<>(),
            new HashSet<>(),
            new HashSet<>());
    var thrown = assertThrows(IllegalStateException.class, () -> reader.raw("notASetting"));
    assertTrue(thrown.getMessage().contains("knowledge-card:notASetting"), thrown.getMessage());
  }

  @Test
  @DisplayName("every key the committed stacks make the reader read has a descriptor")
  void everyKeyReadIsDescribed() {
    var undescribed = new TreeSet<String>();
    for (var stack : List.of("staging", "prod", "e2e")) {
      keysReadFor(stack).stream()
          .filter(key -> !SettingCatalog.describes(key))
          .forEach(undescribed::add);
    }
    assertEquals(Set.of(), undescribed, "read but not in SettingCatalog");
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
