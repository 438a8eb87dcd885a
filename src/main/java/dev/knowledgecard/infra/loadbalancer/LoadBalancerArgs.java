package dev.knowledgecard.infra.loadbalancer;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.LoadBalancerSettings;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link LoadBalancer}; the region and account (log delivery) come from the stack
 * context.
 *
 * @param settings domain, hosted zone, access-log retention, deletion protection
 * @param vpcId the VPC of the target group
 * @param publicSubnetIds the public subnets, at least two AZs (control ELB.13)
 * @param connections the load balancer's security group; it opens 80 and 443 to the internet
 * @param appPort the port tasks listen on; targets and health checks use it
 * @param hostedZoneId the public zone of {@code settings.domainName()} (certificate validation and
 *     alias records); present exactly when a domain is configured
 * @param serverAccessLogBucket where the ALB log bucket's own S3 server access logs go (control
 *     S3.9), when the stack keeps such a bucket; default none
 */
public record LoadBalancerArgs(
    LoadBalancerSettings settings,
    Output<String> vpcId,
    Output<List<String>> publicSubnetIds,
    Connections connections,
    int appPort,
    Optional<Output<String>> hostedZoneId,
    Optional<Output<String>> serverAccessLogBucket) {}
