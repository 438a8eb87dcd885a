package dev.knowledgecard.infra.config;

import java.util.List;

/**
 * What the configuration reference says about one setting (a row of the table in {@code
 * docs/configuration.md}, generated from {@link SettingCatalog}).
 *
 * @param keys the keys the row covers: bare keys are in the {@value StackConfig#NAMESPACE}
 *     namespace, others carry theirs ({@code aws:region}); several when they are read alike ({@code
 *     taskCpu} / {@code taskMemory})
 * @param type the values allowed
 * @param stagingDefault what a staging stack gets when it does not set the key
 * @param prodDefault what a prod stack gets when it does not set the key
 * @param description what the setting does
 */
public record Setting(
    List<String> keys, String type, String stagingDefault, String prodDefault, String description) {

  public Setting {
    keys = List.copyOf(keys);
  }

  /** The keys as the reader records them ({@code ns:key}). */
  public List<String> fullKeys() {
    return keys.stream().map(Setting::fullKey).toList();
  }

  static String fullKey(String key) {
    return key.contains(":") ? key : StackConfig.NAMESPACE + ":" + key;
  }
}
