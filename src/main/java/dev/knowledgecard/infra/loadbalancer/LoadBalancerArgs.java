package dev.knowledgecard.infra.loadbalancer;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.LoadBalancerSettings;
import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link LoadBalancer}.
 *
 * @param settings domain, hosted zone, access-log retention, deletion protection
 * @param vpcId the VPC of the target group
 * @param publicSubnetIds the public subnets, at least two AZs (control ELB.13)
 * @param securityGroupId the load balancer's security group (80/443 in, app port out)
 * @param appPort the port tasks listen on; targets and health checks use it
 * @param region the AWS region, which decides how ELB log delivery is authorised
 * @param accountId this account, for the access-log object path {@code AWSLogs/<account>/}
 * @param hostedZoneId the public zone of {@code settings.domainName()} (certificate validation and
 *     alias records); present exactly when a domain is configured
 * @param serverAccessLogBucket where the ALB log bucket's own S3 server access logs go (control
 *     S3.9), when the stack keeps such a bucket
 */
public record LoadBalancerArgs(
    LoadBalancerSettings settings,
    Output<String> vpcId,
    Output<List<String>> publicSubnetIds,
    Output<String> securityGroupId,
    int appPort,
    String region,
    Output<String> accountId,
    Optional<Output<String>> hostedZoneId,
    Optional<Output<String>> serverAccessLogBucket) {}
