package dev.knowledgecard.infra.synth;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for AWS when the program runs offline: deterministic ids, ARNs and computed outputs for
 * every known resource type and invoke, and a loud failure for anything it does not know.
 */
public final class OfflineMocks implements Mocks {
  /**
   * The account of an offline run whose config pins none ({@code aws:allowedAccountIds}); a stack
   * file's run uses the account the file pins.
   */
  public static final String ACCOUNT_ID = "123456789012";

  private static final String COMPONENT_PREFIX = "knowledge-card:";
  private static final String PROVIDER_PREFIX = "pulumi:providers:";

  private static final java.util.Set<String> ID_IS_ARN =
      java.util.Set.of(
          "aws:lb/loadBalancer:LoadBalancer",
          "aws:lb/targetGroup:TargetGroup",
          "aws:lb/listener:Listener",
          "aws:acm/certificate:Certificate",
          "aws:ecs/cluster:Cluster",
          "aws:ecs/service:Service");

  private final String region;
  private final String accountId;
  private final Partition partition;

  public OfflineMocks(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
    this.partition = Partition.of(region);
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    var type = args.type;
    var inputs = args.inputs == null ? Map.<String, Object>of() : args.inputs;
    if (type.startsWith(COMPONENT_PREFIX)) {
      return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), Map.of()));
    }
    if (type.startsWith(PROVIDER_PREFIX)) {
      return CompletableFuture.completedFuture(
          ResourceResult.of(Optional.of(args.name + "-provider"), inputs));
    }
    var computed = MockResourceTypes.computed(type);
    if (computed.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the offline engine has no mock for resource type "
                  + type
                  + " ("
                  + args.name
                  + "); add it to MockResourceTypes or its table "
                  + MockResourceTypes.TABLE));
    }
    var suffix = hash(type + "/" + args.name);
    var physicalName =
        inputs.get("name") instanceof String given && !given.isEmpty()
            ? given
            : args.name + "-" + suffix.substring(0, 7);
    var prefix = idPrefix(type);
    // Where AWS uses the name as the id (log groups, roles, buckets), so does the mock.
    var id = prefix.isEmpty() ? physicalName : prefix + suffix.substring(0, 17);
    var resource = new MockResource(type, args.name, physicalName, id, region, accountId, inputs);
    var outputs = computed.get().apply(resource);
    // A type whose AWS id is something else (a bucket's name, a secret's ARN) says so.
    if (outputs.get("id") instanceof String awsId) {
      id = awsId;
    }
    var state = new HashMap<String, Object>(inputs);
    state.put("id", id);
    state.putIfAbsent("name", physicalName);
    state.putIfAbsent("tagsAll", inputs.getOrDefault("tags", Map.of()));
    state.putAll(outputs);
    if (ID_IS_ARN.contains(type)) {
      // Load balancing, ACM and ECS identify these resources by their ARN.
      id = (String) state.get("arn");
      state.put("id", id);
    }
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  @Override
  public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
    return switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity" ->
          CompletableFuture.completedFuture(
              Map.of(
                  "accountId",
                  accountId,
                  "arn",
                  partition.arn("iam", "", accountId, "role/offline-synth"),
                  "id",
                  accountId,
                  "userId",
                  "AROAOFFLINESYNTH"));
      case "aws:index/getRegion:getRegion" ->
          CompletableFuture.completedFuture(
              Map.of(
                  "name", region,
                  "id", region,
                  "description", region,
                  "endpoint", "ec2." + region + ".amazonaws.com"));
      case "aws:index/getPartition:getPartition" ->
          CompletableFuture.completedFuture(
              Map.of(
                  "partition", partition.name(),
                  "id", partition.name(),
                  "dnsSuffix", partition.dnsSuffix(),
                  "reverseDnsPrefix", reverseDns(partition.dnsSuffix())));
      case "aws:route53/getZone:getZone" ->
          CompletableFuture.completedFuture(hostedZone(args, partition));
      case "aws:elb/getServiceAccount:getServiceAccount" -> elbServiceAccount(args);
      default ->
          CompletableFuture.failedFuture(
              new IllegalArgumentException(
                  "the offline engine has no mock for invoke "
                      + args.token
                      + "; add it to OfflineMocks"));
    };
  }

  /**
   * A public hosted zone with the requested name (or, looked up by id, a name derived from the id):
   * deterministic id and name servers.
   */
  private static Map<String, Object> hostedZone(CallArgs args, Partition partition) {
    var requestedId = args.args.get("zoneId") instanceof String id && !id.isEmpty() ? id : null;
    var name =
        args.args.get("name") instanceof String n && !n.isEmpty()
            ? n.endsWith(".") ? n.substring(0, n.length() - 1) : n
            : "zone-" + requestedId + ".example";
    var id =
        requestedId != null
            ? requestedId
            : "Z" + hash("zone/" + name).substring(0, 20).toUpperCase(java.util.Locale.ROOT);
    var servers = java.util.List.of("ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk");
    return Map.ofEntries(
        Map.entry("id", id),
        Map.entry("zoneId", id),
        Map.entry("name", name),
        Map.entry("arn", partition.arn("route53", "", "", "hostedzone/" + id)),
        Map.entry("callerReference", "offline-synth"),
        Map.entry("comment", ""),
        Map.entry("linkedServiceDescription", ""),
        Map.entry("linkedServicePrincipal", ""),
        Map.entry("nameServers", servers),
        Map.entry("primaryNameServer", servers.get(0)),
        Map.entry("privateZone", false),
        Map.entry("resourceRecordSetCount", 2),
        Map.entry("tags", Map.of()),
        Map.entry("vpcId", ""));
  }

  /**
   * The account ELB log delivery writes as in the regions opened before August 2022 (AWS "Enable
   * access logs for your Application Load Balancer"); like the provider, fails for other regions.
   */
  private CompletableFuture<Map<String, Object>> elbServiceAccount(CallArgs args) {
    var asked = args.args.get("region") instanceof String r && !r.isEmpty() ? r : region;
    var account = ELB_ACCOUNTS.get(asked);
    if (account == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "aws:elb/getServiceAccount: no ELB account for region "
                  + asked
                  + " (newer regions use the logdelivery.elasticloadbalancing.amazonaws.com"
                  + " service principal)"));
    }
    return CompletableFuture.completedFuture(
        Map.of("id", account, "arn", partition.arn("iam", "", account, "root"), "region", asked));
  }

  /** {@code amazonaws.com} read backwards: {@code com.amazonaws}. */
  private static String reverseDns(String dnsSuffix) {
    var parts = java.util.Arrays.asList(dnsSuffix.split("\\."));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
  }

  /** Loaded once: ELB's log-delivery account per region, cited in the file. */
  private static final Map<String, String> ELB_ACCOUNTS = elbAccounts();

  private static Map<String, String> elbAccounts() {
    var accounts = new HashMap<String, String>();
    ClasspathJson.read("/synth/elb-log-delivery-accounts.json")
        .path("accounts")
        .properties()
        .forEach(f -> accounts.put(f.getKey(), f.getValue().asText()));
    return Map.copyOf(accounts);
  }

  private static String idPrefix(String type) {
    return switch (type) {
      case "aws:ec2/vpc:Vpc" -> "vpc-";
      case "aws:ec2/subnet:Subnet" -> "subnet-";
      case "aws:ec2/internetGateway:InternetGateway" -> "igw-";
      case "aws:ec2/natGateway:NatGateway" -> "nat-";
      case "aws:ec2/eip:Eip" -> "eipalloc-";
      case "aws:ec2/routeTable:RouteTable" -> "rtb-";
      case "aws:ec2/securityGroup:SecurityGroup",
          "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" ->
          "sg-";
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" ->
          "sgr-";
      case "aws:ec2/vpcEndpoint:VpcEndpoint" -> "vpce-";
      case "aws:ec2/flowLog:FlowLog" -> "fl-";
      case "aws:kms/key:Key" -> "mrk-";
      case "aws:ec2/networkInterface:NetworkInterface" -> "eni-";
      case "aws:ec2/launchTemplate:LaunchTemplate" -> "lt-";

      default -> "";
    };
  }

  private static String hash(String text) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
