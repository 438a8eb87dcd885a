package dev.knowledgecard.infra.network;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyInstancesDistributionArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs;
import com.pulumi.aws.autoscaling.inputs.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.NetworkInterface;
import com.pulumi.aws.ec2.NetworkInterfaceArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.config.SubnetSpec;
import dev.knowledgecard.infra.config.SubnetTier;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAT instances for {@link Network}, one per hosting zone, after the anchors' high-availability
 * shape (terraform-aws-fck-nat's HA mode, SST's {@code nat: "ec2"}): a one-instance Auto Scaling
 * group replaces a failed instance, and the replacement re-attaches the zone's static network
 * interface, which the private route tables target and which carries the zone's fixed Elastic IP.
 * The start-up script is {@code src/main/resources/nat/nat-instance.sh} (tested in network
 * namespaces by {@code scripts/nat-instance-test.sh}).
 */
final class NatInstances {
  /**
   * AWS's public parameter naming the newest Amazon Linux 2023 ARM64 image; the launch template
   * resolves it at each launch (EC2 User Guide, "Use a Systems Manager parameter instead of an AMI
   * ID"; Auto Scaling User Guide, "using-systems-manager-parameters"). No third-party image.
   */
  static final String IMAGE =
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

  /** Tried in order; the second keeps a zone's NAT up when the first has no capacity. */
  static final List<String> INSTANCE_TYPES = List.of("t4g.nano", "t4g.micro");

  /** The AL2023 image's root volume (8 GiB snapshot): encrypted gp3 of the same size. */
  static final int ROOT_VOLUME_GB = 8;

  /** The instance tag naming the static interface; the script reads it from instance metadata. */
  static final String INTERFACE_TAG = "NatInterfaceId";

  static final String SSM_CORE_POLICY = "AmazonSSMManagedInstanceCore";

  static final String SCRIPT_RESOURCE = "/nat/nat-instance.sh";

  private NatInstances() {}

  /** A zone's NAT: the interface its route tables target and its Auto Scaling group. */
  record ZoneNat(NetworkInterface networkInterface, Group group) {}

  static Map<String, ZoneNat> create(
      String name,
      NetworkArgs args,
      StackContext context,
      Vpc vpc,
      Map<SubnetSpec, Subnet> subnets,
      List<SubnetSpec> hosts,
      CustomResourceOptions child,
      CustomResourceOptions afterIgw) {
    var settings = args.settings();
    var group = securityGroup(name, args, context, vpc, child);
    // Without an EC2 API endpoint in the VPC, the instance reaches the API (to attach its static
    // interface) only through a public address of its own on the primary interface.
    var needsPublicAddress = !settings.interfaceEndpoints().contains("ec2");
    var userData =
        Base64.getEncoder().encodeToString(startUpScript().getBytes(StandardCharsets.UTF_8));
    var byZone = new LinkedHashMap<String, ZoneNat>();
    for (var spec : hosts) {
      var zone = spec.zoneSuffix();
      var label = context.namePrefix() + "-nat-" + zone;
      var subnet = subnets.get(spec);
      var eni =
          new NetworkInterface(
              name + "-nat-eni-" + zone,
              NetworkInterfaceArgs.builder()
                  .subnetId(subnet.id())
                  .securityGroups(group.id().applyValue(List::of))
                  .description("Static NAT interface of " + label + ": the routes target it")
                  // A NAT forwards packets that are neither from nor to itself (EC2.180 waived).
                  .sourceDestCheck(false)
                  .tags(Map.of("Name", label))
                  .build(),
              child);
      new Eip(
          name + "-nat-eip-" + zone,
          EipArgs.builder()
              .domain("vpc")
              .networkInterface(eni.id())
              .tags(Map.of("Name", label))
              .build(),
          afterIgw);
      var profile = instanceProfile(name + "-nat-" + zone, args, context, eni, child);
      var instanceTags =
          eni.id().applyValue(id -> tags(context, Map.of("Name", label, INTERFACE_TAG, id)));
      var template =
          new LaunchTemplate(
              name + "-nat-lt-" + zone,
              LaunchTemplateArgs.builder()
                  .description("NAT instance of " + label)
                  // EC2.170 (Config rule ec2-launch-template-imdsv2-check) reads the default
                  // version: keep it the version the group launches.
                  .updateDefaultVersion(true)
                  .imageId(IMAGE)
                  .instanceType(INSTANCE_TYPES.get(0))
                  .iamInstanceProfile(
                      LaunchTemplateIamInstanceProfileArgs.builder().arn(profile.arn()).build())
                  .metadataOptions(
                      LaunchTemplateMetadataOptionsArgs.builder()
                          .httpEndpoint("enabled")
                          .httpTokens("required")
                          .httpPutResponseHopLimit(1)
                          // The script reads NatInterfaceId from the instance's tags.
                          .instanceMetadataTags("enabled")
                          .build())
                  .blockDeviceMappings(
                      LaunchTemplateBlockDeviceMappingArgs.builder()
                          .deviceName("/dev/xvda")
                          .ebs(
                              LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                  .volumeType("gp3")
                                  .volumeSize(ROOT_VOLUME_GB)
                                  .encrypted("true")
                                  .deleteOnTermination("true")
                                  .build())
                          .build())
                  .networkInterfaces(
                      LaunchTemplateNetworkInterfaceArgs.builder()
                          .deviceIndex(0)
                          .subnetId(subnet.id())
                          .securityGroups(group.id().applyValue(List::of))
                          .associatePublicIpAddress(Boolean.toString(needsPublicAddress))
                          .deleteOnTermination("true")
                          .build())
                  .userData(userData)
                  .tagSpecifications(
                      List.of("instance", "volume", "network-interface").stream()
                          .map(
                              type ->
                                  LaunchTemplateTagSpecificationArgs.builder()
                                      .resourceType(type)
                                      .tags(instanceTags)
                                      .build())
                          .toList())
                  .tags(Map.of("Name", label))
                  .build(),
              child);
      var asg =
          new Group(
              name + "-nat-asg-" + zone,
              GroupArgs.builder()
                  .minSize(1)
                  .maxSize(1)
                  .desiredCapacity(1)
                  .vpcZoneIdentifiers(subnet.id().applyValue(List::of))
                  .healthCheckType("EC2")
                  .healthCheckGracePeriod(120)
                  // Free at 1-minute granularity; the NAT alarm watches GroupInServiceInstances.
                  .enabledMetrics("GroupInServiceInstances", "GroupDesiredCapacity")
                  .metricsGranularity("1Minute")
                  .mixedInstancesPolicy(
                      GroupMixedInstancesPolicyArgs.builder()
                          .instancesDistribution(
                              GroupMixedInstancesPolicyInstancesDistributionArgs.builder()
                                  .onDemandBaseCapacity(1)
                                  .onDemandPercentageAboveBaseCapacity(100)
                                  .onDemandAllocationStrategy("prioritized")
                                  .build())
                          .launchTemplate(
                              GroupMixedInstancesPolicyLaunchTemplateArgs.builder()
                                  .launchTemplateSpecification(
                                      GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs
                                          .builder()
                                          .launchTemplateId(template.id())
                                          .version(
                                              template.latestVersion().applyValue(String::valueOf))
                                          .build())
                                  .overrides(
                                      INSTANCE_TYPES.stream()
                                          .map(
                                              t ->
                                                  GroupMixedInstancesPolicyLaunchTemplateOverrideArgs
                                                      .builder()
                                                      .instanceType(t)
                                                      .build())
                                          .toList())
                                  .build())
                          .build())
                  // The provider's default tags do not reach Auto Scaling groups: tag it here.
                  .tags(
                      tags(context, Map.of("Name", label)).entrySet().stream()
                          .map(
                              e ->
                                  GroupTagArgs.builder()
                                      .key(e.getKey())
                                      .value(e.getValue())
                                      .propagateAtLaunch(false)
                                      .build())
                          .toList())
                  .build(),
              afterIgw);
      byZone.put(spec.availabilityZone(), new ZoneNat(eni, asg));
    }
    return byZone;
  }

  /**
   * Admits every protocol from the private application subnets, the only ones that route through a
   * NAT (data subnets have no route out), and lets the NAT reach the internet.
   */
  private static SecurityGroup securityGroup(
      String name, NetworkArgs args, StackContext context, Vpc vpc, CustomResourceOptions child) {
    var group =
        new SecurityGroup(
            name + "-nat-sg",
            SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description(
                    "NAT instances: traffic from the private app subnets, out to the internet")
                .tags(Map.of("Name", context.namePrefix() + "-nat"))
                .build(),
            child);
    for (var spec : args.settings().subnets(SubnetTier.APP)) {
      new SecurityGroupIngressRule(
          name + "-nat-from-app-" + spec.zoneSuffix(),
          SecurityGroupIngressRuleArgs.builder()
              .securityGroupId(group.id())
              .description("Egress traffic of the app subnet in " + spec.availabilityZone())
              .ipProtocol("-1")
              .cidrIpv4(spec.cidr().toString())
              .build(),
          child);
    }
    new SecurityGroupEgressRule(
        name + "-nat-to-internet",
        SecurityGroupEgressRuleArgs.builder()
            .securityGroupId(group.id())
            .description("Forwarded traffic and the instance's own AWS API calls")
            .ipProtocol("-1")
            .cidrIpv4("0.0.0.0/0")
            .build(),
        child);
    return group;
  }

  /**
   * A role per zone (path and boundary like every workload role): Session Manager only (no key
   * pair, no SSH), and attaching exactly this zone's interface to an instance tagged with it.
   */
  private static InstanceProfile instanceProfile(
      String prefix,
      NetworkArgs args,
      StackContext context,
      NetworkInterface eni,
      CustomResourceOptions child) {
    var role =
        new Role(
            prefix + "-role",
            args.confinement()
                .confine(RoleArgs.builder())
                .description("NAT instance: Session Manager and re-attaching its static interface")
                .assumeRolePolicy(
                    PolicyDocument.of(
                        PolicyStatement.allow("Ec2Assume")
                            .servicePrincipal("ec2.amazonaws.com")
                            .actions("sts:AssumeRole")
                            .build()))
                .build(),
            child);
    new RolePolicyAttachment(
        prefix + "-ssm",
        RolePolicyAttachmentArgs.builder()
            .role(role.name())
            .policyArn(context.managedPolicy(SSM_CORE_POLICY))
            .build(),
        child);
    new RolePolicy(
        prefix + "-attach-interface",
        RolePolicyArgs.builder()
            .role(role.id())
            .policy(
                PolicyDocument.of(
                    PolicyStatement.allow("AttachThisZonesInterface")
                        .actions("ec2:AttachNetworkInterface")
                        .resource(eni.arn())
                        .build(),
                    PolicyStatement.allow("ToAnInstanceTaggedWithIt")
                        .actions("ec2:AttachNetworkInterface")
                        .resource(context.arn("ec2", "instance/*"))
                        .condition("StringEquals", "aws:ResourceTag/" + INTERFACE_TAG, eni.id())
                        .build()))
            .build(),
        child);
    return new InstanceProfile(
        prefix + "-profile",
        InstanceProfileArgs.builder().path(args.confinement().rolePath()).role(role.name()).build(),
        child);
  }

  private static Map<String, String> tags(StackContext context, Map<String, String> own) {
    var all = new LinkedHashMap<>(context.tags());
    all.putAll(own);
    return all;
  }

  static String startUpScript() {
    try (var in = NatInstances.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + SCRIPT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
