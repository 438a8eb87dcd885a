package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS Security Hub controls this stack is held to (shared/reference/security-controls.md). Only
 * controls that cost money or friction in a small environment may be waived, and only with a reason
 * in the stack's own configuration ({@code knowledge-card:waivers}).
 */
public record SecurityControl(String id, String title, boolean waivable) {

  public static final List<SecurityControl> ALL =
      List.of(
          c("EC2.2", "default security group restricts all traffic"),
          w("EC2.6", "VPC flow logs enabled"),
          // EC2.9/.17/.25/.180 and AutoScaling.2 are forced for a NAT instance: waivable only as
          // WaiverPolicy.FORCED allows.
          c("EC2.9", "instances have no public IPv4 address"),
          c("EC2.3", "attached EBS volumes are encrypted"),
          c("EC2.8", "instances use IMDSv2"),
          c("EC2.17", "instances use a single network interface"),
          c("EC2.25", "launch templates assign no public IPs"),
          c("EC2.170", "launch templates use IMDSv2"),
          w("EC2.10", "VPC endpoint for the EC2 service"),
          c("EC2.15", "subnets do not auto-assign public IPs"),
          c("EC2.18", "security groups allow unrestricted ingress only on authorised ports"),
          c("EC2.19", "security groups do not allow unrestricted access to high-risk ports"),
          c("EC2.53", "no ingress from 0.0.0.0/0 to remote administration ports"),
          c("EC2.54", "no ingress from ::/0 to remote administration ports"),
          c("EC2.180", "network interfaces have source/destination checking"),
          c("SSM.1", "instances are managed by Systems Manager"),
          c("AutoScaling.2", "Auto Scaling groups span several AZs"),
          w("AutoScaling.6", "Auto Scaling groups use several instance types"),
          c("AutoScaling.9", "Auto Scaling groups use launch templates"),
          // Waivable only by a stack without a domain (a sandbox: no certificate can be issued);
          // LoadBalancerSettings rejects a prod stack without one outright.
          w("ELB.1", "HTTP listeners redirect to HTTPS"),
          c("ELB.4", "load balancer drops invalid header fields"),
          w("ELB.5", "load balancer access logging"),
          w("ELB.6", "load balancer deletion protection"),
          c("ELB.12", "desync mitigation defensive or strictest"),
          c("ELB.13", "load balancer spans at least two AZs"),
          c("ELB.17", "TLS policy from the allowed list"),
          w("ELB.18", "every listener uses HTTPS or TLS"),
          c("ECS.2", "service tasks get no public IP"),
          c("ECS.3", "tasks do not share the host's process namespace"),
          c("ECS.4", "containers are not privileged"),
          c("ECS.5", "containers have read-only root filesystems"),
          c("ECS.8", "no secrets in container environment variables"),
          c("ECS.9", "containers have a logging configuration"),
          c("ECS.10", "Fargate services run the latest platform version"),
          w("ECS.12", "cluster has Container Insights"),
          c("ECS.17", "task definitions use awsvpc networking"),
          c("ECS.20", "containers run as a non-root user"),
          c("ECR.1", "repository scans images on push"),
          c("ECR.2", "repository tags are immutable"),
          c("ECR.3", "repository has a lifecycle policy"),
          c("RDS.2", "database is not publicly accessible"),
          c("RDS.3", "database storage is encrypted"),
          w("RDS.5", "database is Multi-AZ"),
          w("RDS.6", "database has enhanced monitoring"),
          w("RDS.7", "database cluster has deletion protection"),
          w("RDS.8", "database instance has deletion protection"),
          c("RDS.9", "database logs go to CloudWatch"),
          w("RDS.10", "database has IAM authentication"),
          c("RDS.11", "database has automatic backups"),
          c("RDS.13", "database upgrades minor versions automatically"),
          c("RDS.17", "database copies tags to snapshots"),
          c("RDS.23", "database does not listen on the engine's default port"),
          c("RDS.25", "database does not use the default admin user name"),
          c("RDS.38", "database connections require TLS"),
          c("RDS.46", "database subnets have no internet-gateway route"),
          c("ElastiCache.1", "cache has automatic backups"),
          c("ElastiCache.2", "cache upgrades minor versions automatically"),
          w("ElastiCache.3", "cache has automatic failover"),
          c("ElastiCache.4", "cache is encrypted at rest"),
          c("ElastiCache.5", "cache is encrypted in transit"),
          c("ElastiCache.6", "cache requires AUTH"),
          c("ElastiCache.7", "cache is not in the default subnet group"),
          c("S3.1", "account blocks public access"),
          c("S3.5", "bucket requires TLS"),
          c("S3.8", "bucket blocks public access"),
          w("S3.9", "bucket has server access logging"),
          c("S3.12", "bucket uses no ACLs"),
          c("S3.13", "bucket has a lifecycle configuration"),
          c("S3.14", "bucket has versioning"),
          w("SecretsManager.1", "secret has automatic rotation"),
          w("SecretsManager.2", "secret rotation succeeds"),
          w("SecretsManager.4", "secret rotates within 90 days"),
          c("Lambda.1", "function policies prohibit public access"),
          c("Lambda.2", "functions use a supported runtime"),
          c("Lambda.3", "functions are in a VPC"),
          c("Lambda.5", "VPC functions run in at least two AZs"),
          c("CloudWatch.15", "alarms have actions"),
          c("CloudWatch.16", "log groups have a retention period"),
          w("SNS.1", "topic is encrypted with a customer key"),
          c("SNS.4", "topic policy is not public"),
          c("KMS.4", "customer keys rotate"),
          c("IAM.1", "no policy grants full administrative access"),
          c("IAM.21", "no policy grants service-wide wildcard actions"),
          c("ACM.1", "certificates are DNS validated and renewed"),
          c("ACM.2", "certificates use RSA 2048 or stronger"));

  private static final Map<String, SecurityControl> BY_ID =
      ALL.stream().collect(Collectors.toUnmodifiableMap(SecurityControl::id, Function.identity()));

  public static Optional<SecurityControl> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  private static SecurityControl c(String id, String title) {
    return new SecurityControl(id, title, false);
  }

  private static SecurityControl w(String id, String title) {
    return new SecurityControl(id, title, true);
  }
}
