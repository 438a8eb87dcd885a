package dev.knowledgecard.infra.config;

import java.util.Set;

/**
 * The retention periods CloudWatch Logs accepts; "never expire" is deliberately not one of them.
 */
public final class LogRetention {
  public static final Set<Integer> ALLOWED_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  private LogRetention() {}
}
