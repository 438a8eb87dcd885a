package dev.knowledgecard.infra.report.policy;

import java.util.List;

/**
 * One control's result on a stack, waivers applied.
 *
 * @param id the control id, e.g. {@code RDS.2}
 * @param title what the control asks
 * @param status pass, fail, waived or not-applicable
 * @param resources the resources that decided it (the failing ones when it fails)
 * @param reason why, in a sentence; for a waiver the stack's written reason
 */
public record PolicyResult(
    String id, String title, PolicyStatus status, List<String> resources, String reason) {
  public PolicyResult {
    resources = List.copyOf(resources);
  }
}
