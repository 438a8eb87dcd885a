package dev.knowledgecard.infra.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One control a stack knowingly does not meet, for the named resources only.
 *
 * @param control the control id, e.g. {@code S3.9}
 * @param reason why, in the stack file, for review
 * @param resources the logical names (the synth graph's {@code name}) of the resources it covers: a
 *     failure on any other resource stays a failure, and a listed resource that passes makes the
 *     waiver stale (an error)
 * @param owner who answers for it; required in prod unless the control is forced
 * @param expires the last day it holds; required with an owner, at most 90 days ahead
 */
public record Waiver(
    String control,
    String reason,
    List<String> resources,
    Optional<String> owner,
    Optional<LocalDate> expires) {
  public Waiver {
    resources = List.copyOf(resources);
  }

  /** How the report names it: reason, and owner and expiry when given. */
  public String describe() {
    return reason
        + owner.map(o -> " (owner " + o).orElse("")
        + expires.map(e -> (owner.isPresent() ? ", " : " (") + "expires " + e).orElse("")
        + (owner.isPresent() || expires.isPresent() ? ")" : "");
  }
}
