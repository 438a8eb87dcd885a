package dev.knowledgecard.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.config.ConfigProblem;
import dev.knowledgecard.infra.config.InvalidConfigException;
import dev.knowledgecard.infra.synth.OfflineEngine;
import java.util.List;

/** Assertions on rejected configurations, shared by the config validation tests. */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** The problems of a run that must have failed on its configuration. */
  public static List<ConfigProblem> problems(OfflineEngine.Result result) {
    var invalid = result.failure(InvalidConfigException.class);
    assertTrue(
        invalid.isPresent(), () -> "expected an invalid configuration, got " + result.failures());
    return invalid.get().problems();
  }

  /**
   * The run failed with a problem naming {@code key}, mentioning {@code value} and saying {@code
   * allowed}, and registered no resource.
   */
  public static void assertRejected(
      String rule, OfflineEngine.Result result, String key, String value, String allowed) {
    var problems = problems(result);
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.key().equals(key)
                        && String.valueOf(p).contains(value)
                        && p.allowed().contains(allowed)),
        () ->
            rule
                + ": expected a problem naming "
                + key
                + ", "
                + value
                + " and '"
                + allowed
                + "', got "
                + problems);
    assertEquals(List.of(), result.graph().declared(), rule + ": resources were registered");
  }
}
