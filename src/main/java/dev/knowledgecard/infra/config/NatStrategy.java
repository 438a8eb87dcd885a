package dev.knowledgecard.infra.config;

import java.util.Map;

/** How private application subnets reach the internet. */
public enum NatStrategy {
  /** One NAT gateway shared by every AZ: cheaper, but an AZ outage cuts egress for all. */
  SINGLE(false, false),
  /** One NAT gateway per AZ, each AZ routing through its own: no cross-AZ dependency. */
  PER_AZ(true, false),
  /**
   * One self-healing NAT instance per AZ (a one-instance Auto Scaling group re-attaching a static
   * network interface with a fixed Elastic IP), each AZ routing through its own: the per-AZ
   * independence of {@link #PER_AZ} at about a tenth of the hourly price, with 5 Gbit/s burst.
   */
  INSTANCE(true, true),
  /** One NAT instance shared by every AZ: the cheapest egress, for environments without HA. */
  SINGLE_INSTANCE(false, true);

  static final Map<String, NatStrategy> BY_NAME =
      Map.of(
          "single", SINGLE,
          "perAz", PER_AZ,
          "instance", INSTANCE,
          "singleInstance", SINGLE_INSTANCE);

  private final boolean perZone;
  private final boolean instance;

  NatStrategy(boolean perZone, boolean instance) {
    this.perZone = perZone;
    this.instance = instance;
  }

  /** The stack-configuration value naming this strategy. */
  public String configName() {
    return BY_NAME.entrySet().stream()
        .filter(e -> e.getValue() == this)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** Whether every AZ gets its own NAT (else the first AZ's serves all). */
  public boolean perZone() {
    return perZone;
  }

  /** Whether the NAT is an EC2 instance rather than a managed NAT gateway. */
  public boolean instance() {
    return instance;
  }
}
