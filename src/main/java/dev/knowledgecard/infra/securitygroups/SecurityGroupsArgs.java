package dev.knowledgecard.infra.securitygroups;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.Ports;

/**
 * Inputs of {@link SecurityGroups}.
 *
 * @param vpcId the VPC the groups belong to
 * @param ports the app, database and cache ports: each group's default port
 */
public record SecurityGroupsArgs(Output<String> vpcId, Ports ports) {}
