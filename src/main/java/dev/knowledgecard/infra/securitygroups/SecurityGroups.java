package dev.knowledgecard.infra.securitygroups;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's security groups, created empty before the tiers so that each can name the others. No
 * group opens anything here: the component behind a group opens what it serves through its {@link
 * Connections} (the load balancer 80/443 from the internet, the database and cache their port to
 * the app, the app its port to the load balancer), so every rule is written where its resource is
 * defined. Rules are standalone resources with descriptions, each naming a referenced group rather
 * than a CIDR.
 */
public final class SecurityGroups extends ComponentResource {
  public static final String TYPE = "knowledge-card:securitygroups:SecurityGroups";

  private final Connections loadBalancer;
  private final Connections app;
  private final Connections database;
  private final Connections cache;
  private final Connections rotation;

  public SecurityGroups(
      String name,
      SecurityGroupsArgs args,
      StackContext context,
      ComponentResourceOptions options) {
    super(TYPE, name, options);
    var ports = args.ports();
    this.loadBalancer =
        group(
            name,
            "alb",
            "Internet-facing load balancer",
            "",
            "the load balancer",
            null,
            args,
            context);
    this.app =
        group(
            name,
            "app",
            "Application tasks and the migration task",
            "Requests",
            "application tasks",
            ports.app(),
            args,
            context);
    this.database =
        group(
            name,
            "db",
            "PostgreSQL, reachable from application tasks only",
            "PostgreSQL",
            "the database",
            ports.database(),
            args,
            context);
    this.cache =
        group(
            name,
            "cache",
            "Redis, reachable from application tasks only",
            "Redis",
            "the cache",
            ports.cache(),
            args,
            context);
    this.rotation =
        group(
            name,
            "rotation",
            "Secret rotation function: PostgreSQL and HTTPS only",
            "",
            "the rotation function",
            null,
            args,
            context);
    registerOutputs(
        Map.of(
            "loadBalancerGroupId", loadBalancer.id(),
            "appGroupId", app.id(),
            "databaseGroupId", database.id(),
            "cacheGroupId", cache.id(),
            "rotationGroupId", rotation.id()));
  }

  /** The internet-facing load balancer's group. */
  public Connections loadBalancer() {
    return loadBalancer;
  }

  /** The group of application tasks, and of the one-off migration task. */
  public Connections app() {
    return app;
  }

  public Connections database() {
    return database;
  }

  public Connections cache() {
    return cache;
  }

  /** The secret rotation function's group. */
  public Connections rotation() {
    return rotation;
  }

  private Connections group(
      String name,
      String label,
      String description,
      String served,
      String who,
      Integer port,
      SecurityGroupsArgs args,
      StackContext context) {
    var ruleOptions = CustomResourceOptions.builder().parent(this).build();
    // No inline rules: the provider then also removes AWS's default allow-all egress rule.
    var group =
        new SecurityGroup(
            name + "-" + label,
            SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description(description)
                .tags(Map.of("Name", context.namePrefix() + "-" + label))
                .build(),
            ruleOptions);
    return new Connections(group, label, served, who, Optional.ofNullable(port), ruleOptions);
  }

  /** What deploying the security groups and every rule opened through them needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(SecurityGroup.class, SecurityGroupIngressRule.class, SecurityGroupEgressRule.class)
        .build();
  }
}
