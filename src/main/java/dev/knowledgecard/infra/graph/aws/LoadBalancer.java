package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LOAD_BALANCER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lb/loadBalancer:LoadBalancer} that the report reads. */
public final class LoadBalancer {
  public static final Prop ACCESS_LOGS_BUCKET = input("accessLogs.bucket");
  public static final Prop ACCESS_LOGS_ENABLED = input("accessLogs.enabled");
  public static final Prop DESYNC_MITIGATION_MODE = input("desyncMitigationMode");
  public static final Prop DROP_INVALID_HEADER_FIELDS = input("dropInvalidHeaderFields");
  public static final Prop ENABLE_DELETION_PROTECTION = input("enableDeletionProtection");
  public static final Prop INTERNAL = input("internal");
  public static final Prop LOAD_BALANCER_TYPE = input("loadBalancerType");
  public static final Prop SECURITY_GROUPS = input("securityGroups");
  public static final Prop SUBNET_MAPPINGS = input("subnetMappings");
  public static final Prop SUBNET_MAPPINGS_SUBNET_ID = SUBNET_MAPPINGS.field("subnetId");
  public static final Prop SUBNETS = input("subnets");

  private static Prop input(String path) {
    return Prop.of(LOAD_BALANCER, path);
  }

  private LoadBalancer() {}
}
