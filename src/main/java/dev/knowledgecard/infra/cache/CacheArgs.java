package dev.knowledgecard.infra.cache;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.CacheSettings;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;

/**
 * Inputs of {@link Cache}; RBAC user and group ids derive from the stack context.
 *
 * @param settings engine version, node type, node count, backups
 * @param dataSubnetIds the isolated data subnets, one per AZ
 * @param connections the cache's security group; Redis listens on its default port and admits whom
 *     {@link Cache#allowFrom} names
 */
public record CacheArgs(
    CacheSettings settings, Output<List<String>> dataSubnetIds, Connections connections) {}
