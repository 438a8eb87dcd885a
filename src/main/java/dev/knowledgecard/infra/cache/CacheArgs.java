package dev.knowledgecard.infra.cache;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.CacheSettings;
import java.util.List;

/**
 * Inputs of {@link Cache}.
 *
 * @param settings engine version, node type, node count, backups
 * @param port the port Redis listens on
 * @param dataSubnetIds the isolated data subnets, one per AZ
 * @param securityGroupId the cache group, which admits only the app group on {@code port}
 * @param namePrefix stack-derived prefix of the RBAC user and group ids, e.g. {@code
 *     knowledge-card-staging}
 */
public record CacheArgs(
    CacheSettings settings,
    int port,
    Output<List<String>> dataSubnetIds,
    Output<String> securityGroupId,
    String namePrefix) {}
