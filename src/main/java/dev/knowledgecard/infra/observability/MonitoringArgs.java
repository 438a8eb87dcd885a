package dev.knowledgecard.infra.observability;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.AlarmSettings;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Inputs of {@link Monitoring}: plain outputs of the platform and data components, never the
 * components themselves, so monitoring can be built and tested alone. Set by name: most are names
 * of the same type that would still compile swapped. Every setter is required unless its Javadoc
 * names a default.
 *
 * <pre>{@code
 * MonitoringArgs.builder()
 *     .topicArn(topic.topicArn())
 *     .thresholds(config.alarms())
 *     .clusterName(app.clusterName()).serviceName(app.serviceName())
 *     .loadBalancerArnSuffix(lb.loadBalancerArnSuffix())
 *     .targetGroupArnSuffix(lb.targetGroupArnSuffix())
 *     .databaseIdentifier(db.instanceIdentifier()).databaseArn(db.instanceArn())
 *     .cacheMembers(cache.memberClusterIds(), config.cache().nodes())
 *     .natGroupNames(network.natGroupNames())
 *     .build();
 * }</pre>
 */
public final class MonitoringArgs {
  private final Output<String> topicArn;
  private final AlarmSettings thresholds;
  private final Output<String> clusterName;
  private final Output<String> serviceName;
  private final Output<String> loadBalancerArnSuffix;
  private final Output<String> targetGroupArnSuffix;
  private final Output<String> databaseIdentifier;
  private final Output<String> databaseArn;
  private final Output<List<String>> cacheMemberClusterIds;
  private final int cacheNodeCount;
  private final Map<String, Output<String>> natGroupNames;

  private MonitoringArgs(Builder b) {
    this.topicArn = Objects.requireNonNull(b.topicArn, "MonitoringArgs.topicArn is required");
    this.thresholds = Objects.requireNonNull(b.thresholds, "MonitoringArgs.thresholds is required");
    this.clusterName =
        Objects.requireNonNull(b.clusterName, "MonitoringArgs.clusterName is required");
    this.serviceName =
        Objects.requireNonNull(b.serviceName, "MonitoringArgs.serviceName is required");
    this.loadBalancerArnSuffix =
        Objects.requireNonNull(
            b.loadBalancerArnSuffix, "MonitoringArgs.loadBalancerArnSuffix is required");
    this.targetGroupArnSuffix =
        Objects.requireNonNull(
            b.targetGroupArnSuffix, "MonitoringArgs.targetGroupArnSuffix is required");
    this.databaseIdentifier =
        Objects.requireNonNull(
            b.databaseIdentifier, "MonitoringArgs.databaseIdentifier is required");
    this.databaseArn =
        Objects.requireNonNull(b.databaseArn, "MonitoringArgs.databaseArn is required");
    this.cacheMemberClusterIds =
        Objects.requireNonNull(
            b.cacheMemberClusterIds, "MonitoringArgs.cacheMemberClusterIds is required");
    this.cacheNodeCount = b.cacheNodeCount;
    this.natGroupNames = b.natGroupNames;
    if (cacheNodeCount < 1) {
      throw new IllegalArgumentException("a cache has at least one node, got " + cacheNodeCount);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  Output<String> topicArn() {
    return topicArn;
  }

  AlarmSettings thresholds() {
    return thresholds;
  }

  Output<String> clusterName() {
    return clusterName;
  }

  Output<String> serviceName() {
    return serviceName;
  }

  Output<String> loadBalancerArnSuffix() {
    return loadBalancerArnSuffix;
  }

  Output<String> targetGroupArnSuffix() {
    return targetGroupArnSuffix;
  }

  Output<String> databaseIdentifier() {
    return databaseIdentifier;
  }

  Output<String> databaseArn() {
    return databaseArn;
  }

  Output<List<String>> cacheMemberClusterIds() {
    return cacheMemberClusterIds;
  }

  int cacheNodeCount() {
    return cacheNodeCount;
  }

  Map<String, Output<String>> natGroupNames() {
    return natGroupNames;
  }

  public static final class Builder {
    private Output<String> topicArn;
    private AlarmSettings thresholds;
    private Output<String> clusterName;
    private Output<String> serviceName;
    private Output<String> loadBalancerArnSuffix;
    private Output<String> targetGroupArnSuffix;
    private Output<String> databaseIdentifier;
    private Output<String> databaseArn;
    private Output<List<String>> cacheMemberClusterIds;
    private int cacheNodeCount;
    private Map<String, Output<String>> natGroupNames = Map.of();

    private Builder() {}

    /** Where every alarm, OK transition and event goes ({@link AlarmTopic#topicArn()}). */
    public Builder topicArn(Output<String> topicArn) {
      this.topicArn = topicArn;
      return this;
    }

    /** Alarm thresholds from config. */
    public Builder thresholds(AlarmSettings thresholds) {
      this.thresholds = thresholds;
      return this;
    }

    /** The ECS cluster's name: the {@code ClusterName} metric dimension. */
    public Builder clusterName(Output<String> clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    /** The ECS service's name: the {@code ServiceName} metric dimension. */
    public Builder serviceName(Output<String> serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** {@code app/<name>/<id>}: the {@code LoadBalancer} metric dimension. */
    public Builder loadBalancerArnSuffix(Output<String> arnSuffix) {
      this.loadBalancerArnSuffix = arnSuffix;
      return this;
    }

    /** {@code targetgroup/<name>/<id>}: the {@code TargetGroup} metric dimension. */
    public Builder targetGroupArnSuffix(Output<String> arnSuffix) {
      this.targetGroupArnSuffix = arnSuffix;
      return this;
    }

    /** The RDS instance's identifier: the {@code DBInstanceIdentifier} metric dimension. */
    public Builder databaseIdentifier(Output<String> identifier) {
      this.databaseIdentifier = identifier;
      return this;
    }

    /** The RDS instance's ARN: the source of its failure and failover events. */
    public Builder databaseArn(Output<String> arn) {
      this.databaseArn = arn;
      return this;
    }

    /**
     * The Redis member clusters ({@code <group>-001}, ...), in order, and how many there are
     * (primary plus replicas, at least 1): host metrics are per member, so each gets its own
     * alarms, and resources cannot be created from an output's value.
     */
    public Builder cacheMembers(Output<List<String>> memberClusterIds, int nodeCount) {
      this.cacheMemberClusterIds = memberClusterIds;
      this.cacheNodeCount = nodeCount;
      return this;
    }

    /**
     * The NAT instances' Auto Scaling groups by AZ.
     *
     * @default none (NAT gateways)
     */
    public Builder natGroupNames(Map<String, Output<String>> natGroupNames) {
      this.natGroupNames = Collections.unmodifiableSortedMap(new TreeMap<>(natGroupNames));
      return this;
    }

    public MonitoringArgs build() {
      return new MonitoringArgs(this);
    }
  }
}
