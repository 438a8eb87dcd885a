package dev.knowledgecard.infra.config;

/**
 * One thing wrong with a stack configuration: the full key (with namespace), the offending value as
 * the user wrote it, and what would be accepted instead.
 */
public record ConfigProblem(String key, String value, String allowed) {

  @Override
  public String toString() {
    return key + " = " + (value == null ? "(unset)" : '"' + value + '"') + ": " + allowed;
  }
}
