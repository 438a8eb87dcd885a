package dev.knowledgecard.infra.report.policy;

import java.util.List;

/**
 * What a rule concluded from the graph, before waivers: pass, fail or not applicable, the resources
 * it looked at (or that failed) and why.
 */
public record Finding(PolicyStatus status, List<String> resources, String reason) {
  public Finding {
    resources = List.copyOf(resources);
    if (status == PolicyStatus.WAIVED) {
      throw new IllegalArgumentException("a rule never waives; waivers come from stack config");
    }
  }

  public static Finding pass(List<String> resources, String reason) {
    return new Finding(PolicyStatus.PASS, resources, reason);
  }

  public static Finding fail(List<String> resources, String reason) {
    return new Finding(PolicyStatus.FAIL, resources, reason);
  }

  public static Finding notApplicable(String reason) {
    return new Finding(PolicyStatus.NOT_APPLICABLE, List.of(), reason);
  }
}
