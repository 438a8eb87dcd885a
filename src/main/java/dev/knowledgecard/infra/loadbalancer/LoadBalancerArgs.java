package dev.knowledgecard.infra.loadbalancer;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.LoadBalancerSettings;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of {@link LoadBalancer}, set by name (the hosted zone and the log bucket are both optional
 * outputs of the same type); the region and account (log delivery) come from the stack context.
 *
 * <pre>{@code
 * LoadBalancerArgs.builder()
 *     .settings(config.loadBalancer())
 *     .network(network.vpcId(), network.publicSubnetIds(), groups.loadBalancer())
 *     .appPort(config.ports().app())
 *     .hostedZoneId(zone.zoneId())
 *     .build();
 * }</pre>
 */
public final class LoadBalancerArgs {
  private final LoadBalancerSettings settings;
  private final Output<String> vpcId;
  private final Output<List<String>> publicSubnetIds;
  private final Connections connections;
  private final int appPort;
  private final Optional<Output<String>> hostedZoneId;
  private final Optional<Output<String>> serverAccessLogBucket;

  private LoadBalancerArgs(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "LoadBalancerArgs.settings is required");
    this.hostedZoneId = b.hostedZoneId;
    this.serverAccessLogBucket = b.serverAccessLogBucket;
    this.appPort = b.appPort;
    if (settings.domainName().isPresent() != hostedZoneId.isPresent()) {
      throw new IllegalArgumentException(
          "LoadBalancerArgs: a hosted zone goes with a domain, and only with one (domain "
              + settings.domainName().orElse("none")
              + ")");
    }
    if (appPort < 1 || appPort > 65535) {
      throw new IllegalArgumentException("LoadBalancerArgs.appPort " + appPort + " is no port");
    }
    this.vpcId = Objects.requireNonNull(b.vpcId, "LoadBalancerArgs.network is required");
    this.publicSubnetIds = Objects.requireNonNull(b.publicSubnetIds, "network: subnets");
    this.connections = Objects.requireNonNull(b.connections, "network: security group");
  }

  public static Builder builder() {
    return new Builder();
  }

  LoadBalancerSettings settings() {
    return settings;
  }

  Output<String> vpcId() {
    return vpcId;
  }

  Output<List<String>> publicSubnetIds() {
    return publicSubnetIds;
  }

  Connections connections() {
    return connections;
  }

  int appPort() {
    return appPort;
  }

  Optional<Output<String>> hostedZoneId() {
    return hostedZoneId;
  }

  Optional<Output<String>> serverAccessLogBucket() {
    return serverAccessLogBucket;
  }

  /** Every setter is required unless its Javadoc names a default. */
  public static final class Builder {
    private LoadBalancerSettings settings;
    private Output<String> vpcId;
    private Output<List<String>> publicSubnetIds;
    private Connections connections;
    private int appPort;
    private Optional<Output<String>> hostedZoneId = Optional.empty();
    private Optional<Output<String>> serverAccessLogBucket = Optional.empty();

    private Builder() {}

    /** Domain, hosted zone, access-log retention, deletion protection. */
    public Builder settings(LoadBalancerSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Where it runs: the VPC of the target group, the public subnets (at least two AZs, control
     * ELB.13) and its security group, which it opens to the internet on 80 and 443.
     */
    public Builder network(
        Output<String> vpcId, Output<List<String>> publicSubnetIds, Connections connections) {
      this.vpcId = vpcId;
      this.publicSubnetIds = publicSubnetIds;
      this.connections = connections;
      return this;
    }

    /** The port tasks listen on; targets and health checks use it. */
    public Builder appPort(int appPort) {
      this.appPort = appPort;
      return this;
    }

    /**
     * The public zone of {@code settings.domainName()} (certificate validation and alias records);
     * required exactly when a domain is configured.
     *
     * @default none
     */
    public Builder hostedZoneId(Output<String> zoneId) {
      this.hostedZoneId = Optional.of(zoneId);
      return this;
    }

    /**
     * Where the ALB log bucket's own S3 server access logs go (control S3.9), when the stack keeps
     * such a bucket.
     *
     * @default none: the log bucket is not itself logged
     */
    public Builder serverAccessLogBucket(Output<String> bucketName) {
      this.serverAccessLogBucket = Optional.of(bucketName);
      return this;
    }

    public LoadBalancerArgs build() {
      return new LoadBalancerArgs(this);
    }
  }
}
