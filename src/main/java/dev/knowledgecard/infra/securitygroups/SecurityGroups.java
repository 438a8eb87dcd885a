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
    var groups = new Groups(name, args, context);
    this.loadBalancer = groups.client("alb", "Internet-facing load balancer", "the load balancer");
    this.app =
        groups.server(
            "app",
            "Application tasks and the migration task",
            "application tasks",
            "Requests",
            ports.app());
    this.database =
        groups.server(
            "db",
            "PostgreSQL, reachable from application tasks only",
            "the database",
            "PostgreSQL",
            ports.database());
    this.cache =
        groups.server(
            "cache",
            "Redis, reachable from application tasks only",
            "the cache",
            "Redis",
            ports.cache());
    this.rotation =
        groups.client(
            "rotation",
            "Secret rotation function: PostgreSQL and HTTPS only",
            "the rotation function");
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

  /** Creates the groups, each named {@code <component>-<label>}, as children of the component. */
  private final class Groups {
    private final String name;
    private final SecurityGroupsArgs args;
    private final StackContext context;
    private final CustomResourceOptions child =
        CustomResourceOptions.builder().parent(SecurityGroups.this).build();

    Groups(String name, SecurityGroupsArgs args, StackContext context) {
      this.name = name;
      this.args = args;
      this.context = context;
    }

    /** A group that only calls others (rules name it {@code who}). */
    Connections client(String label, String description, String who) {
      return connections(label, description, who, "", Optional.empty());
    }

    /** A group that serves {@code served} on {@code port} once its owner allows a peer. */
    Connections server(String label, String description, String who, String served, int port) {
      return connections(label, description, who, served, Optional.of(port));
    }

    private Connections connections(
        String label, String description, String who, String served, Optional<Integer> port) {
      // No inline rules: the provider then also removes AWS's default allow-all egress rule.
      var group =
          new SecurityGroup(
              name + "-" + label,
              SecurityGroupArgs.builder()
                  .vpcId(args.vpcId())
                  .description(description)
                  .tags(Map.of("Name", context.namePrefix() + "-" + label))
                  .build(),
              child);
      return new Connections(group, label, served, who, port, child);
    }
  }

  /** What deploying the security groups and every rule opened through them needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(SecurityGroup.class, SecurityGroupIngressRule.class, SecurityGroupEgressRule.class)
        .build();
  }
}
