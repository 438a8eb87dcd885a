package dev.knowledgecard.infra.securitygroups;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;

/**
 * The security groups of the stack and every rule between them, least privilege: the internet
 * reaches only the load balancer on 80/443; the load balancer reaches only the app port of the
 * tasks; the tasks reach only the database and cache ports and HTTPS out through NAT; the secret
 * rotation function reaches only the database port and HTTPS (Secrets Manager). Rules are
 * standalone resources with descriptions, each naming a referenced group rather than a CIDR.
 */
public final class SecurityGroups extends ComponentResource {
  public static final String TYPE = "knowledge-card:securitygroups:SecurityGroups";

  private final Output<String> loadBalancerGroupId;
  private final Output<String> appGroupId;
  private final Output<String> databaseGroupId;
  private final Output<String> cacheGroupId;
  private final Output<String> rotationGroupId;

  private final String name;
  private final CustomResourceOptions child;

  public SecurityGroups(String name, SecurityGroupsArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.name = name;
    this.child = CustomResourceOptions.builder().parent(this).build();
    var ports = args.ports();

    var lb = group("alb", "Internet-facing load balancer", args);
    var app = group("app", "Application tasks and the migration task", args);
    var db = group("db", "PostgreSQL, reachable from application tasks only", args);
    var cache = group("cache", "Redis, reachable from application tasks only", args);
    var rotation = group("rotation", "Secret rotation function: PostgreSQL and HTTPS only", args);

    for (int port : new int[] {80, 443}) {
      ingressFromInternet(lb, port, "0.0.0.0/0", null);
      ingressFromInternet(lb, port, null, "::/0");
    }
    egressToGroup(lb, "to-app", ports.app(), app, "Forward requests to application tasks");

    ingressFromGroup(app, "from-alb", ports.app(), lb, "Requests from the load balancer");
    egressToGroup(app, "to-db", ports.database(), db, "PostgreSQL");
    egressToGroup(app, "to-cache", ports.cache(), cache, "Redis");
    egressHttps(app, "HTTPS to AWS APIs and external services, via NAT or endpoints");

    egressToGroup(
        rotation, "to-db", ports.database(), db, "PostgreSQL: set the app role's password");
    egressHttps(rotation, "HTTPS to the Secrets Manager API, via NAT or an endpoint");

    ingressFromGroup(db, "from-app", ports.database(), app, "PostgreSQL from application tasks");
    ingressFromGroup(
        db, "from-rotation", ports.database(), rotation, "PostgreSQL from the rotation function");
    ingressFromGroup(cache, "from-app", ports.cache(), app, "Redis from application tasks");

    this.loadBalancerGroupId = lb.id();
    this.appGroupId = app.id();
    this.databaseGroupId = db.id();
    this.cacheGroupId = cache.id();
    this.rotationGroupId = rotation.id();
    registerOutputs(
        Map.of(
            "loadBalancerGroupId", loadBalancerGroupId,
            "appGroupId", appGroupId,
            "databaseGroupId", databaseGroupId,
            "cacheGroupId", cacheGroupId,
            "rotationGroupId", rotationGroupId));
  }

  public Output<String> loadBalancerGroupId() {
    return loadBalancerGroupId;
  }

  /** The group of application tasks, and of the one-off migration task. */
  public Output<String> appGroupId() {
    return appGroupId;
  }

  public Output<String> databaseGroupId() {
    return databaseGroupId;
  }

  public Output<String> cacheGroupId() {
    return cacheGroupId;
  }

  /** The secret rotation function's group. */
  public Output<String> rotationGroupId() {
    return rotationGroupId;
  }

  private void egressHttps(SecurityGroup source, String description) {
    new SecurityGroupEgressRule(
        source.pulumiResourceName() + "-to-internet-https",
        SecurityGroupEgressRuleArgs.builder()
            .securityGroupId(source.id())
            .description(description)
            .ipProtocol("tcp")
            .fromPort(443)
            .toPort(443)
            .cidrIpv4("0.0.0.0/0")
            .build(),
        child);
  }

  private SecurityGroup group(String role, String description, SecurityGroupsArgs args) {
    // No inline rules: the provider then also removes AWS's default allow-all egress rule.
    return new SecurityGroup(
        name + "-" + role,
        SecurityGroupArgs.builder()
            .vpcId(args.vpcId())
            .description(description)
            .tags(Map.of("Name", args.namePrefix() + "-" + role))
            .build(),
        child);
  }

  private void ingressFromInternet(SecurityGroup lb, int port, String ipv4, String ipv6) {
    var rule =
        SecurityGroupIngressRuleArgs.builder()
            .securityGroupId(lb.id())
            .description(
                (port == 443 ? "HTTPS" : "HTTP, redirected to HTTPS") + " from the internet")
            .ipProtocol("tcp")
            .fromPort(port)
            .toPort(port);
    var family = ipv4 != null ? "ipv4" : "ipv6";
    if (ipv4 != null) {
      rule.cidrIpv4(ipv4);
    } else {
      rule.cidrIpv6(ipv6);
    }
    new SecurityGroupIngressRule(
        name + "-alb-" + port + "-from-internet-" + family, rule.build(), child);
  }

  private void ingressFromGroup(
      SecurityGroup target, String label, int port, SecurityGroup source, String description) {
    new SecurityGroupIngressRule(
        target.pulumiResourceName() + "-" + label,
        SecurityGroupIngressRuleArgs.builder()
            .securityGroupId(target.id())
            .description(description)
            .ipProtocol("tcp")
            .fromPort(port)
            .toPort(port)
            .referencedSecurityGroupId(source.id())
            .build(),
        child);
  }

  private void egressToGroup(
      SecurityGroup source, String label, int port, SecurityGroup target, String description) {
    new SecurityGroupEgressRule(
        source.pulumiResourceName() + "-" + label,
        SecurityGroupEgressRuleArgs.builder()
            .securityGroupId(source.id())
            .description(description)
            .ipProtocol("tcp")
            .fromPort(port)
            .toPort(port)
            .referencedSecurityGroupId(target.id())
            .build(),
        child);
  }
}
