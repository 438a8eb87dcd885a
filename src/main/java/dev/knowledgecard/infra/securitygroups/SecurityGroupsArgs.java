package dev.knowledgecard.infra.securitygroups;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.Ports;

/**
 * Inputs of {@link SecurityGroups}.
 *
 * @param vpcId the VPC the groups belong to
 * @param ports the app, database and cache ports the rules open
 * @param namePrefix prefix of {@code Name} tags
 */
public record SecurityGroupsArgs(Output<String> vpcId, Ports ports, String namePrefix) {}
