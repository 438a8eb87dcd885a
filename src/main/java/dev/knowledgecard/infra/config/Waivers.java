package dev.knowledgecard.infra.config;

import java.util.Map;

/**
 * The controls a stack knowingly does not meet, each with the reason written in its stack file
 * ({@code knowledge-card:waivers: {RDS.5: "..."}}), so every relaxation is visible in review.
 */
public record Waivers(Map<String, String> reasons) {
  static final String KEY = "waivers";
  private static final int MIN_REASON_LENGTH = 10;

  public Waivers {
    reasons = Map.copyOf(reasons);
  }

  public boolean isWaived(String controlId) {
    return reasons.containsKey(controlId);
  }

  static Waivers read(ConfigReader reader) {
    var raw = reader.stringMap(KEY);
    raw.forEach(
        (id, reason) -> {
          var control = SecurityControl.byId(id);
          if (control.isEmpty()) {
            reader.problem(KEY + "." + id, reason, "a control id from security-controls.md");
          } else if (!control.get().waivable()) {
            reader.problem(
                KEY + "." + id,
                reason,
                "control "
                    + id
                    + " ("
                    + control.get().title()
                    + ") is never waived; only controls that cost money or friction may be");
          } else if (reason == null || reason.trim().length() < MIN_REASON_LENGTH) {
            reader.problem(
                KEY + "." + id,
                reason,
                "a written reason of at least " + MIN_REASON_LENGTH + " characters");
          }
        });
    return new Waivers(raw);
  }

  /**
   * Records a problem when a setting relaxes {@code controlId} and the stack has not waived it: a
   * stack may lower the bar only in writing.
   */
  public void requireFor(
      ConfigReader reader, boolean relaxed, String controlId, String key, String value) {
    if (relaxed && !isWaived(controlId)) {
      var title = SecurityControl.byId(controlId).map(SecurityControl::title).orElse(controlId);
      reader.problem(
          key,
          value,
          "this relaxes control "
              + controlId
              + " ("
              + title
              + "); keep the secure setting or add a reason under "
              + reader.fullKey(KEY)
              + "."
              + controlId);
    }
  }
}
