package dev.knowledgecard.infra.report.policy;

/** The outcome of one control on one stack. */
public enum PolicyStatus {
  PASS("pass"),
  FAIL("fail"),
  WAIVED("waived"),
  NOT_APPLICABLE("not-applicable");

  private final String label;

  PolicyStatus(String label) {
    this.label = label;
  }

  /** The lower-case name used in the report files. */
  public String label() {
    return label;
  }
}
