package dev.knowledgecard.infra.network;

import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.NetworkSettings;

/**
 * Inputs of {@link Network}; the region (endpoint service names), the {@code Name} tag prefix and
 * the tags Auto Scaling groups copy to what they launch come from the stack context.
 *
 * @param settings the validated network plan (CIDR, AZs, subnets, NAT strategy, flow logs)
 * @param confinement path and permissions boundary for the flow-log and NAT instance roles
 */
public record NetworkArgs(NetworkSettings settings, RoleConfinement confinement) {}
