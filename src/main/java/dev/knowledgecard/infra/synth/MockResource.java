package dev.knowledgecard.infra.synth;

import java.util.Map;

/**
 * What the offline engine knows of a resource being created: its logical name, the physical name
 * the provider would give it, a deterministic id, and its inputs.
 */
record MockResource(
    String type,
    String name,
    String physicalName,
    String id,
    String region,
    String account,
    Map<String, Object> inputs) {

  /**
   * An ARN in this stack's region and account: {@code arn:aws:<service>:<region>:<account>:<rest>}.
   */
  String arn(String service, String rest) {
    return "arn:aws:" + service + ":" + region + ":" + account + ":" + rest;
  }

  /** A global (region-less) ARN such as IAM's. */
  String globalArn(String service, String rest) {
    return "arn:aws:" + service + "::" + account + ":" + rest;
  }

  Object input(String key) {
    return inputs.get(key);
  }
}
