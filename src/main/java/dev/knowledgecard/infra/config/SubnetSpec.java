package dev.knowledgecard.infra.config;

/** One planned subnet: its tier, availability zone and address block. */
public record SubnetSpec(SubnetTier tier, String availabilityZone, Ipv4Cidr cidr) {

  /** The AZ's letter suffix ({@code a} for {@code eu-west-1a}), used in names. */
  public String zoneSuffix() {
    return availabilityZone.substring(availabilityZone.length() - 1);
  }
}
