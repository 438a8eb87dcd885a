package dev.knowledgecard.infra.config;

/** The three subnet tiers, in the order their address blocks are carved from the VPC. */
public enum SubnetTier {
  /** Load balancer and NAT gateways; default route to the internet gateway. */
  PUBLIC("public"),
  /** ECS tasks; default route through a NAT gateway. */
  APP("app"),
  /** RDS and ElastiCache; no route to the internet at all. */
  DATA("data");

  private final String label;

  SubnetTier(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
