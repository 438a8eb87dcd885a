package dev.knowledgecard.infra.network;

import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.NetworkSettings;
import java.util.Map;

/**
 * Inputs of {@link Network}.
 *
 * @param settings the validated network plan (CIDR, AZs, subnets, NAT strategy, flow logs)
 * @param region the AWS region, for endpoint service names
 * @param namePrefix prefix of {@code Name} tags, e.g. {@code knowledge-card-staging}
 * @param confinement path and permissions boundary for the flow-log and NAT instance roles
 * @param tags the stack's tags, for what the provider's default tags do not reach (Auto Scaling
 *     groups and the instances and volumes they launch)
 */
public record NetworkArgs(
    NetworkSettings settings,
    String region,
    String namePrefix,
    RoleConfinement confinement,
    Map<String, String> tags) {
  public NetworkArgs {
    tags = Map.copyOf(tags);
  }
}
