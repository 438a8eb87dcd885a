package dev.knowledgecard.infra.network;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.NetworkInterface;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.config.SubnetSpec;
import dev.knowledgecard.infra.config.SubnetTier;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The VPC and everything that routes inside it: public, private application and isolated data
 * subnets in every AZ, the internet gateway, NAT gateways or NAT instances by strategy, the free S3
 * gateway endpoint, optional interface endpoints, flow logs, and the VPC's default security group
 * stripped of rules.
 *
 * <pre>{@code
 * var network = new Network("staging-network",
 *     new NetworkArgs(config.network(), boundary.confinement()), context, options);
 * network.appSubnetIds(); // where ECS tasks go
 * }</pre>
 */
public final class Network extends ComponentResource {
  public static final String TYPE = "knowledge-card:network:Network";

  private final Output<String> vpcId;
  private final Output<List<String>> publicSubnetIds;
  private final Output<List<String>> appSubnetIds;
  private final Output<List<String>> dataSubnetIds;
  private final List<String> availabilityZones;
  private final Map<String, Output<String>> natGroupNames = new LinkedHashMap<>();
  private final StackContext context;

  public Network(
      String name, NetworkArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.context = context;
    var settings = args.settings();
    var child = CustomResourceOptions.builder().parent(this).build();

    var vpc =
        new Vpc(
            name + "-vpc",
            VpcArgs.builder()
                .cidrBlock(settings.vpcCidr().toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", context.namePrefix() + "-vpc"))
                .build(),
            child);
    this.vpcId = vpc.id();

    // Adopting the default group with no rules strips AWS's allow-all defaults (control EC2.2).
    new DefaultSecurityGroup(
        name + "-default-sg",
        DefaultSecurityGroupArgs.builder()
            .vpcId(vpc.id())
            .tags(Map.of("Name", context.namePrefix() + "-default-unused"))
            .build(),
        child);

    var subnets = new LinkedHashMap<SubnetSpec, Subnet>();
    for (var spec : settings.subnets()) {
      subnets.put(
          spec,
          new Subnet(
              name + "-" + spec.tier().label() + "-" + spec.zoneSuffix(),
              SubnetArgs.builder()
                  .vpcId(vpc.id())
                  .cidrBlock(spec.cidr().toString())
                  .availabilityZone(spec.availabilityZone())
                  // Nothing launched here needs a public IP; the ALB and NAT bring their own
                  // (EC2.15).
                  .mapPublicIpOnLaunch(false)
                  .tags(
                      Map.of(
                          "Name",
                          context.namePrefix()
                              + "-"
                              + spec.tier().label()
                              + "-"
                              + spec.zoneSuffix(),
                          "Tier",
                          spec.tier().label()))
                  .build(),
              child));
    }

    var igw =
        new InternetGateway(
            name + "-igw",
            InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", context.namePrefix() + "-igw"))
                .build(),
            child);

    var publicTable = routeTable(name + "-public-rt", context.namePrefix() + "-public", vpc, child);
    new Route(
        name + "-public-default",
        RouteArgs.builder()
            .routeTableId(publicTable.id())
            .destinationCidrBlock("0.0.0.0/0")
            .gatewayId(igw.id())
            .build(),
        child);
    associate(name, settings.subnets(SubnetTier.PUBLIC), subnets, publicTable, child);

    var natByZone = nats(name, args, vpc, subnets, child, igw);

    var appTables = new ArrayList<Output<String>>();
    for (var spec : settings.subnets(SubnetTier.APP)) {
      var zone = spec.availabilityZone();
      var table =
          routeTable(
              name + "-app-rt-" + spec.zoneSuffix(),
              context.namePrefix() + "-app-" + spec.zoneSuffix(),
              vpc,
              child);
      var nat = natByZone.getOrDefault(zone, natByZone.values().iterator().next());
      var route = RouteArgs.builder().routeTableId(table.id()).destinationCidrBlock("0.0.0.0/0");
      nat.accept(route);
      new Route(name + "-app-default-" + spec.zoneSuffix(), route.build(), child);
      associate(name, List.of(spec), subnets, table, child);
      appTables.add(table.id());
    }

    // Data subnets get a table with only the local route: no path to the internet (RDS.46).
    var dataTable = routeTable(name + "-data-rt", context.namePrefix() + "-data", vpc, child);
    associate(name, settings.subnets(SubnetTier.DATA), subnets, dataTable, child);

    var gatewayTables = new ArrayList<>(appTables);
    gatewayTables.add(dataTable.id());
    // Free, and keeps ECR image layers and media traffic off the NAT gateways.
    new VpcEndpoint(
        name + "-s3-endpoint",
        VpcEndpointArgs.builder()
            .vpcId(vpc.id())
            .serviceName("com.amazonaws." + context.region() + ".s3")
            .vpcEndpointType("Gateway")
            .routeTableIds(Output.all(gatewayTables))
            .tags(Map.of("Name", context.namePrefix() + "-s3"))
            .build(),
        child);

    var appSubnetOutputs = ids(settings.subnets(SubnetTier.APP), subnets);
    interfaceEndpoints(name, args, vpc, ids(settings.endpointSubnets(), subnets), child);
    flowLogs(name, args, vpc, child);

    this.publicSubnetIds = ids(settings.subnets(SubnetTier.PUBLIC), subnets);
    this.appSubnetIds = appSubnetOutputs;
    this.dataSubnetIds = ids(settings.subnets(SubnetTier.DATA), subnets);
    this.availabilityZones = settings.availabilityZones();

    registerOutputs(
        Map.of(
            "vpcId", vpcId,
            "publicSubnetIds", publicSubnetIds,
            "appSubnetIds", appSubnetIds,
            "dataSubnetIds", dataSubnetIds));
  }

  public Output<String> vpcId() {
    return vpcId;
  }

  /** Subnets for the internet-facing load balancer, one per AZ. */
  public Output<List<String>> publicSubnetIds() {
    return publicSubnetIds;
  }

  /** Private subnets for application tasks, egress through NAT, one per AZ. */
  public Output<List<String>> appSubnetIds() {
    return appSubnetIds;
  }

  /** Isolated subnets for the database and cache, no internet route, one per AZ. */
  public Output<List<String>> dataSubnetIds() {
    return dataSubnetIds;
  }

  public List<String> availabilityZones() {
    return availabilityZones;
  }

  /**
   * The Auto Scaling group of each NAT instance by the AZ it serves from (empty with NAT gateways):
   * its {@code GroupInServiceInstances} metric says whether that NAT is up.
   */
  public Map<String, Output<String>> natGroupNames() {
    return Map.copyOf(natGroupNames);
  }

  /** The NATs by zone: the route target each zone's app route table uses. */
  private Map<String, Consumer<RouteArgs.Builder>> nats(
      String name,
      NetworkArgs args,
      Vpc vpc,
      Map<SubnetSpec, Subnet> subnets,
      CustomResourceOptions child,
      InternetGateway igw) {
    var strategy = args.settings().natStrategy();
    var publicSpecs = args.settings().subnets(SubnetTier.PUBLIC);
    var hosts = strategy.perZone() ? publicSpecs : publicSpecs.subList(0, 1);
    var afterIgw = CustomResourceOptions.builder().parent(this).dependsOn(igw).build();
    var targets = new LinkedHashMap<String, Consumer<RouteArgs.Builder>>();
    if (strategy.instance()) {
      NatInstances.create(name, args, context, vpc, subnets, hosts, child, afterIgw)
          .forEach(
              (zone, nat) -> {
                targets.put(zone, route -> route.networkInterfaceId(nat.networkInterface().id()));
                natGroupNames.put(zone, nat.group().name());
              });
      return targets;
    }
    for (var spec : hosts) {
      var eip =
          new Eip(
              name + "-nat-eip-" + spec.zoneSuffix(),
              EipArgs.builder()
                  .domain("vpc")
                  .tags(Map.of("Name", context.namePrefix() + "-nat-" + spec.zoneSuffix()))
                  .build(),
              afterIgw);
      var gateway =
          new NatGateway(
              name + "-nat-" + spec.zoneSuffix(),
              NatGatewayArgs.builder()
                  .allocationId(eip.id())
                  .subnetId(subnets.get(spec).id())
                  .tags(Map.of("Name", context.namePrefix() + "-nat-" + spec.zoneSuffix()))
                  .build(),
              afterIgw);
      targets.put(spec.availabilityZone(), route -> route.natGatewayId(gateway.id()));
    }
    return targets;
  }

  private void interfaceEndpoints(
      String name,
      NetworkArgs args,
      Vpc vpc,
      Output<List<String>> endpointSubnets,
      CustomResourceOptions child) {
    var services = args.settings().interfaceEndpoints();
    if (services.isEmpty()) {
      return;
    }
    var endpointGroup =
        new SecurityGroup(
            name + "-endpoints-sg",
            SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("Interface VPC endpoints: HTTPS from inside the VPC only")
                .tags(Map.of("Name", context.namePrefix() + "-endpoints"))
                .build(),
            child);
    new SecurityGroupIngressRule(
        name + "-endpoints-https-from-vpc",
        SecurityGroupIngressRuleArgs.builder()
            .securityGroupId(endpointGroup.id())
            .description("HTTPS to AWS APIs from resources in this VPC")
            .ipProtocol("tcp")
            .fromPort(443)
            .toPort(443)
            .cidrIpv4(vpc.cidrBlock())
            .build(),
        child);
    for (var service : services) {
      new VpcEndpoint(
          name + "-" + service.replace('.', '-') + "-endpoint",
          VpcEndpointArgs.builder()
              .vpcId(vpc.id())
              .serviceName("com.amazonaws." + context.region() + "." + service)
              .vpcEndpointType("Interface")
              .privateDnsEnabled(true)
              .subnetIds(endpointSubnets)
              .securityGroupIds(endpointGroup.id().applyValue(List::of))
              .tags(Map.of("Name", context.namePrefix() + "-" + service))
              .build(),
          child);
    }
  }

  private void flowLogs(String name, NetworkArgs args, Vpc vpc, CustomResourceOptions child) {
    var logGroup =
        new LogGroup(
            name + "-flow-logs",
            LogGroupArgs.builder().retentionInDays(args.settings().flowLogRetentionDays()).build(),
            child);
    var role =
        new Role(
            name + "-flow-logs-role",
            args.confinement()
                .confine(RoleArgs.builder())
                .description("Lets VPC Flow Logs write this VPC's flow log group")
                .assumeRolePolicy(
                    PolicyDocument.of(
                        PolicyStatement.allow("FlowLogsAssume")
                            .servicePrincipal("vpc-flow-logs.amazonaws.com")
                            .actions("sts:AssumeRole")
                            .build()))
                .build(),
            child);
    new RolePolicy(
        name + "-flow-logs-write",
        RolePolicyArgs.builder()
            .role(role.id())
            .policy(
                PolicyDocument.of(
                    PolicyStatement.allow("WriteFlowLogs")
                        .actions(
                            "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                        .resource(logGroup.arn())
                        .resource(logGroup.arn().applyValue(arn -> arn + ":log-stream:*"))
                        .build()))
            .build(),
        child);
    new FlowLog(
        name + "-flow-log",
        FlowLogArgs.builder()
            .vpcId(vpc.id())
            .trafficType(args.settings().flowLogTrafficType())
            .logDestinationType("cloud-watch-logs")
            .logDestination(logGroup.arn())
            .iamRoleArn(role.arn())
            .tags(Map.of("Name", context.namePrefix() + "-flow-log"))
            .build(),
        child);
  }

  private RouteTable routeTable(
      String resourceName, String tagName, Vpc vpc, CustomResourceOptions child) {
    return new RouteTable(
        resourceName,
        RouteTableArgs.builder().vpcId(vpc.id()).tags(Map.of("Name", tagName)).build(),
        child);
  }

  private static void associate(
      String name,
      List<SubnetSpec> specs,
      Map<SubnetSpec, Subnet> subnets,
      RouteTable table,
      CustomResourceOptions child) {
    for (var spec : specs) {
      new RouteTableAssociation(
          name + "-" + spec.tier().label() + "-rta-" + spec.zoneSuffix(),
          RouteTableAssociationArgs.builder()
              .subnetId(subnets.get(spec).id())
              .routeTableId(table.id())
              .build(),
          child);
    }
  }

  private static Output<List<String>> ids(List<SubnetSpec> specs, Map<SubnetSpec, Subnet> subnets) {
    return Output.all(specs.stream().map(s -> subnets.get(s).id()).toList());
  }

  /**
   * What deploying the network needs (access policies are built from it). Both NAT shapes are
   * declared whatever the strategy: the update that switches strategy deletes one while creating
   * the other.
   */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(Vpc.class, Subnet.class, InternetGateway.class, Eip.class, NatGateway.class)
        .creates(NetworkInterface.class, LaunchTemplate.class, Group.class, InstanceProfile.class)
        .creates(RouteTable.class, Route.class, RouteTableAssociation.class, VpcEndpoint.class)
        .creates(SecurityGroup.class, SecurityGroupIngressRule.class, DefaultSecurityGroup.class)
        .creates(SecurityGroupEgressRule.class, RolePolicyAttachment.class)
        .creates(FlowLog.class, LogGroup.class, Role.class, RolePolicy.class)
        .createsRoles()
        .build();
  }
}
