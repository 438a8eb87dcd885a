package dev.knowledgecard.infra.config;

import java.util.Map;

/** How private application subnets reach the internet. */
public enum NatStrategy {
  /** One NAT gateway shared by every AZ: cheaper, but an AZ outage cuts egress for all. */
  SINGLE,
  /** One NAT gateway per AZ, each AZ routing through its own: no cross-AZ dependency. */
  PER_AZ;

  static final Map<String, NatStrategy> BY_NAME = Map.of("single", SINGLE, "perAz", PER_AZ);
}
