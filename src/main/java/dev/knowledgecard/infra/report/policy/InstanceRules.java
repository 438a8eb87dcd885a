package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.AUTOSCALING_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.EIP;
import static dev.knowledgecard.infra.graph.AwsTypes.IAM_ROLE;
import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE;
import static dev.knowledgecard.infra.graph.AwsTypes.INSTANCE_PROFILE;
import static dev.knowledgecard.infra.graph.AwsTypes.LAUNCH_TEMPLATE;
import static dev.knowledgecard.infra.graph.AwsTypes.NETWORK_INTERFACE;
import static dev.knowledgecard.infra.report.policy.Checks.bool;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;
import static dev.knowledgecard.infra.report.policy.Checks.shown;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.AutoscalingGroup;
import dev.knowledgecard.infra.graph.aws.Ec2Instance;
import dev.knowledgecard.infra.graph.aws.Eip;
import dev.knowledgecard.infra.graph.aws.IamRole;
import dev.knowledgecard.infra.graph.aws.InstanceProfile;
import dev.knowledgecard.infra.graph.aws.LaunchTemplate;
import dev.knowledgecard.infra.graph.aws.NetworkInterface;
import dev.knowledgecard.infra.graph.aws.RolePolicyAttachment;
import dev.knowledgecard.infra.report.policy.Checks.Check;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * EC2 instances (the NAT instances, launched by Auto Scaling groups from launch templates) and
 * their network interfaces: public IPs, IMDSv2, encrypted volumes, one interface, the SSM agent's
 * role, groups across zones and instance types.
 */
final class InstanceRules {
  private static final Subjects GROUPS = new Subjects(AUTOSCALING_GROUP, "Auto Scaling group");
  private static final Subjects TEMPLATES = new Subjects(LAUNCH_TEMPLATE, "launch template");

  private static final String SSM_CORE = "AmazonSSMManagedInstanceCore";

  static final List<Rule> ALL =
      List.of(
          new Rule("EC2.3", InstanceRules::ec2_3EncryptedVolumes),
          new Rule("EC2.8", InstanceRules::ec2_8InstancesUseImdsV2),
          new Rule("EC2.9", InstanceRules::ec2_9NoPublicInstanceIp),
          new Rule("EC2.17", InstanceRules::ec2_17SingleInterface),
          new Rule("EC2.180", InstanceRules::ec2_180SourceDestCheck),
          new Rule(
              "EC2.25",
              g ->
                  TEMPLATES.each(
                      g, "assigns no public IP to a network interface", InstanceRules::ec2_25)),
          new Rule(
              "EC2.170",
              g ->
                  TEMPLATES.each(g, "requires IMDSv2", t -> imdsV2(t, LaunchTemplate.HTTP_TOKENS))),
          new Rule("SSM.1", InstanceRules::ssm1ManagedBySystemsManager),
          new Rule(
              "AutoScaling.2",
              g -> GROUPS.each(g, "spans at least two AZs", InstanceRules::autoScaling2)),
          new Rule(
              "AutoScaling.6",
              g -> GROUPS.each(g, "uses several instance types", InstanceRules::autoScaling6)),
          new Rule(
              "AutoScaling.9",
              g -> GROUPS.each(g, "launches from a launch template", InstanceRules::autoScaling9)));

  private InstanceRules() {}

  /**
   * Instances, the launch templates Auto Scaling groups launch them from, and standalone network
   * interfaces (which only exist to be attached to an instance): none may give an instance a public
   * IPv4 address, whether assigned at launch or an Elastic IP on an interface.
   */
  private static Finding ec2_9NoPublicInstanceIp(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable("no EC2 instances (NAT is a managed gateway)");
    }
    return each(
        resources,
        "instance, launch template or network interface",
        "no public IPv4 address",
        r -> {
          if (r.is(LAUNCH_TEMPLATE)) {
            return ec2_25(r);
          }
          var eips =
              g.all(EIP).stream()
                  .filter(
                      e ->
                          g.referenced(e, Eip.NETWORK_INTERFACE, r.type()).contains(r)
                              || g.referenced(e, Eip.INSTANCE, r.type()).contains(r))
                  .map(GraphResource::name)
                  .toList();
          if (!eips.isEmpty()) {
            return Optional.of("carries the Elastic IP " + String.join(", ", eips));
          }
          return r.is(INSTANCE)
              ? isFalse(r, Ec2Instance.ASSOCIATE_PUBLIC_IP_ADDRESS, false)
              : Optional.empty();
        });
  }

  private static Optional<String> ec2_25(GraphResource template) {
    for (var nic : LaunchTemplate.NETWORK_INTERFACES.of(template)) {
      if (bool(LaunchTemplate.INTERFACE_PUBLIC_IP.in(nic), false)) {
        return Optional.of(
            "networkInterfaces["
                + LaunchTemplate.INTERFACE_DEVICE_INDEX.in(nic).asInt(0)
                + "] assigns a public IP");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> imdsV2(GraphResource r, Prop httpTokens) {
    return "required".equals(httpTokens.of(r).asText(""))
        ? Optional.empty()
        : Optional.of(httpTokens.path() + " is " + shown(httpTokens.of(r)) + ", not required");
  }

  /** The launch templates an Auto Scaling group launches from, directly or mixed. */
  private static List<GraphResource> templatesOf(StackGraph g, GraphResource group) {
    var found =
        new ArrayList<>(g.referenced(group, AutoscalingGroup.LAUNCH_TEMPLATE_ID, LAUNCH_TEMPLATE));
    found.addAll(g.referenced(group, AutoscalingGroup.MIXED_TEMPLATE_ID, LAUNCH_TEMPLATE));
    return found.stream().distinct().toList();
  }

  /** Standalone instances and Auto Scaling groups: what puts EC2 instances into the account. */
  private static List<GraphResource> instanceSources(StackGraph g) {
    var out = new ArrayList<>(g.all(INSTANCE));
    out.addAll(g.all(AUTOSCALING_GROUP));
    return out;
  }

  /** The check of an instance, or of every template a group launches from (none: a problem). */
  private static Optional<String> launched(
      StackGraph g, GraphResource source, Check onInstanceOrTemplate) {
    if (source.is(INSTANCE)) {
      return onInstanceOrTemplate.problem(source);
    }
    var templates = templatesOf(g, source);
    if (templates.isEmpty()) {
      return Optional.of("no launch template in the graph to check");
    }
    return templates.stream()
        .map(t -> onInstanceOrTemplate.problem(t).map(p -> t.name() + ": " + p))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Finding ec2_8InstancesUseImdsV2(StackGraph g) {
    return each(
        instanceSources(g),
        "instance or Auto Scaling group",
        "instances require IMDSv2",
        r ->
            launched(
                g,
                r,
                x ->
                    imdsV2(
                        x, x.is(INSTANCE) ? Ec2Instance.HTTP_TOKENS : LaunchTemplate.HTTP_TOKENS)));
  }

  private static Finding ec2_3EncryptedVolumes(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    return each(
        resources,
        "instance or launch template",
        "every EBS volume encrypted",
        r -> {
          if (r.is(INSTANCE)) {
            return isTrue(r, Ec2Instance.ROOT_BLOCK_DEVICE_ENCRYPTED, false);
          }
          var mappings = LaunchTemplate.BLOCK_DEVICE_MAPPINGS.of(r);
          if (mappings.size() == 0) {
            return Optional.of(
                "no blockDeviceMappings: the root volume's encryption is left to the account");
          }
          for (var m : mappings) {
            if (!LaunchTemplate.MAPPING_EBS.in(m).isMissingNode()
                && !bool(LaunchTemplate.MAPPING_EBS_ENCRYPTED.in(m), false)) {
              return Optional.of(
                  LaunchTemplate.MAPPING_DEVICE_NAME.in(m).asText("a volume")
                      + " is not encrypted");
            }
          }
          return Optional.empty();
        });
  }

  /**
   * Instances with more than one interface: several in an instance or template, or a standalone
   * interface (one the program creates is attached to an instance as a second interface unless a
   * template or instance uses it as the primary, device index 0).
   */
  private static Finding ec2_17SingleInterface(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(LAUNCH_TEMPLATE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable("no EC2 instances or network interfaces declared");
    }
    return each(
        resources,
        "instance, launch template or network interface",
        "one network interface per instance",
        r -> {
          if (!r.is(NETWORK_INTERFACE)) {
            var count =
                (r.is(INSTANCE)
                        ? Ec2Instance.NETWORK_INTERFACES
                        : LaunchTemplate.NETWORK_INTERFACES)
                    .of(r)
                    .size();
            return count > 1 ? Optional.of(count + " network interfaces") : Optional.empty();
          }
          var primaryOf =
              g.all(LAUNCH_TEMPLATE).stream()
                  .anyMatch(
                      t ->
                          StreamSupport.stream(
                                  LaunchTemplate.NETWORK_INTERFACES.of(t).spliterator(), false)
                              .anyMatch(
                                  n ->
                                      LaunchTemplate.INTERFACE_DEVICE_INDEX.in(n).asInt(0) == 0
                                          && StackGraph.identifiers(r)
                                              .contains(
                                                  LaunchTemplate.INTERFACE_ID.in(n).asText(""))));
          return primaryOf
              ? Optional.empty()
              : Optional.of("a standalone interface: attached to an instance as a second one");
        });
  }

  /** The instance profile's role carries AWS's managed policy for the Systems Manager agent. */
  private static Finding ssm1ManagedBySystemsManager(StackGraph g) {
    return each(
        instanceSources(g),
        "instance or Auto Scaling group",
        "instances run with a profile whose role has " + SSM_CORE,
        r ->
            launched(
                g,
                r,
                x -> {
                  var profiles =
                      g.referenced(
                          x,
                          x.is(INSTANCE)
                              ? Ec2Instance.IAM_INSTANCE_PROFILE
                              : LaunchTemplate.IAM_INSTANCE_PROFILE_ARN,
                          INSTANCE_PROFILE);
                  if (profiles.isEmpty()) {
                    return Optional.of("no instance profile");
                  }
                  for (var profile : profiles) {
                    for (var role : g.referenced(profile, InstanceProfile.ROLE, IAM_ROLE)) {
                      var managed =
                          StackGraph.texts(IamRole.MANAGED_POLICY_ARNS.of(role)).stream()
                                  .anyMatch(a -> Checks.isAwsManagedPolicy(a, SSM_CORE))
                              || g.referencing(role, RolePolicyAttachment.ROLE).stream()
                                  .anyMatch(
                                      a ->
                                          Checks.isAwsManagedPolicy(
                                              RolePolicyAttachment.POLICY_ARN.of(a).asText(""),
                                              SSM_CORE));
                      if (managed) {
                        return Optional.empty();
                      }
                    }
                  }
                  return Optional.of("the instance profile's role lacks " + SSM_CORE);
                }));
  }

  private static Optional<String> autoScaling2(GraphResource group) {
    var zones =
        Math.max(
            AutoscalingGroup.VPC_ZONE_IDENTIFIERS.of(group).size(),
            AutoscalingGroup.AVAILABILITY_ZONES.of(group).size());
    return zones >= 2 ? Optional.empty() : Optional.of(zones + " AZ(s), the control needs 2");
  }

  private static Optional<String> autoScaling6(GraphResource group) {
    var types = new HashSet<String>();
    for (var o : AutoscalingGroup.MIXED_OVERRIDES.of(group)) {
      if (!AutoscalingGroup.OVERRIDE_INSTANCE_REQUIREMENTS.in(o).isMissingNode()) {
        return Optional.empty();
      }
      types.add(AutoscalingGroup.OVERRIDE_INSTANCE_TYPE.in(o).asText(""));
    }
    types.remove("");
    return types.size() >= 2
        ? Optional.empty()
        : Optional.of(
            types.size() + " instance type(s): use a mixedInstancesPolicy with at least two");
  }

  private static Optional<String> autoScaling9(GraphResource group) {
    if (AutoscalingGroup.LAUNCH_CONFIGURATION.of(group).isTextual()) {
      return Optional.of("launches from a launch configuration");
    }
    return AutoscalingGroup.LAUNCH_TEMPLATE.of(group).isObject()
            || AutoscalingGroup.MIXED_TEMPLATE_SPECIFICATION.of(group).isObject()
        ? Optional.empty()
        : Optional.of("no launch template");
  }

  private static Finding ec2_180SourceDestCheck(StackGraph g) {
    var resources = new ArrayList<>(g.all(INSTANCE));
    resources.addAll(g.all(NETWORK_INTERFACE));
    if (resources.isEmpty()) {
      return Finding.notApplicable(
          "no EC2 instances or network interfaces declared (NAT is a managed gateway)");
    }
    return each(
        resources,
        "instance or network interface",
        "source/destination check on",
        r ->
            isTrue(
                r,
                r.is(INSTANCE) ? Ec2Instance.SOURCE_DEST_CHECK : NetworkInterface.SOURCE_DEST_CHECK,
                true));
  }
}
