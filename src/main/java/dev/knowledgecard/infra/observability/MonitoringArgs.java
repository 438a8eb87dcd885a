package dev.knowledgecard.infra.observability;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.AlarmSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inputs of {@link Monitoring}: plain outputs of the platform and data components, never the
 * components themselves, so monitoring can be built and tested alone.
 *
 * @param topicArn where every alarm, OK transition and event goes ({@link AlarmTopic#topicArn()})
 * @param thresholds alarm thresholds from config
 * @param service the ECS service
 * @param loadBalancer the ALB and the service's target group
 * @param database the RDS instance
 * @param cache the Redis replication group
 * @param natGroupNames the NAT instances' Auto Scaling groups by AZ (empty with NAT gateways)
 */
public record MonitoringArgs(
    Output<String> topicArn,
    AlarmSettings thresholds,
    Service service,
    LoadBalancer loadBalancer,
    Database database,
    Cache cache,
    Map<String, Output<String>> natGroupNames) {

  public MonitoringArgs {
    natGroupNames = new TreeMap<>(natGroupNames);
  }

  /** The ECS service: names as in the {@code AWS/ECS} metric dimensions. */
  public record Service(Output<String> clusterName, Output<String> serviceName) {}

  /**
   * The load balancer and target group: ARN suffixes as in the {@code AWS/ApplicationELB} metric
   * dimensions ({@code app/<name>/<id>}, {@code targetgroup/<name>/<id>}).
   */
  public record LoadBalancer(
      Output<String> loadBalancerArnSuffix, Output<String> targetGroupArnSuffix) {}

  /** The RDS instance: its identifier (metric dimension) and ARN (event source). */
  public record Database(Output<String> instanceIdentifier, Output<String> instanceArn) {}

  /**
   * The Redis replication group. Host metrics are per member cluster, so each member gets its own
   * alarms: {@code nodeCount} says how many (resources cannot be created from an output's value).
   *
   * @param replicationGroupId the group id
   * @param memberClusterIds the member clusters ({@code <group>-001}, ...), in order
   * @param nodeCount how many members the group has (primary plus replicas), at least 1
   */
  public record Cache(
      Output<String> replicationGroupId, Output<List<String>> memberClusterIds, int nodeCount) {
    public Cache {
      if (nodeCount < 1) {
        throw new IllegalArgumentException("a cache has at least one node, got " + nodeCount);
      }
    }
  }
}
