package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LOAD_BALANCER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lb/loadBalancer:LoadBalancer} that the report reads. */
public final class LoadBalancer {
  public static final Prop ACCESS_LOGS_BUCKET = Prop.of(LOAD_BALANCER, "accessLogs.bucket");
  public static final Prop ACCESS_LOGS_ENABLED = Prop.of(LOAD_BALANCER, "accessLogs.enabled");
  public static final Prop DESYNC_MITIGATION_MODE = Prop.of(LOAD_BALANCER, "desyncMitigationMode");
  public static final Prop DROP_INVALID_HEADER_FIELDS =
      Prop.of(LOAD_BALANCER, "dropInvalidHeaderFields");
  public static final Prop ENABLE_DELETION_PROTECTION =
      Prop.of(LOAD_BALANCER, "enableDeletionProtection");
  public static final Prop INTERNAL = Prop.of(LOAD_BALANCER, "internal");
  public static final Prop LOAD_BALANCER_TYPE = Prop.of(LOAD_BALANCER, "loadBalancerType");
  public static final Prop SECURITY_GROUPS = Prop.of(LOAD_BALANCER, "securityGroups");
  public static final Prop SUBNET_MAPPINGS = Prop.of(LOAD_BALANCER, "subnetMappings");
  public static final Prop SUBNET_MAPPINGS_SUBNET_ID = SUBNET_MAPPINGS.field("subnetId");
  public static final Prop SUBNETS = Prop.of(LOAD_BALANCER, "subnets");

  private LoadBalancer() {}
}
