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
  /** The account every offline run pretends to be in. */
  public static final String ACCOUNT_ID = "123456789012";

  /** Every mocked random password starts with this, so tests can look for leaks of one. */
  public static final String RANDOM_PASSWORD_PREFIX = "offlineRandom";

  private static final int DEFAULT_PASSWORD_LENGTH = 32;

  private static final String COMPONENT_PREFIX = "knowledge-card:";
  private static final String PROVIDER_PREFIX = "pulumi:providers:";

  private final String region;

  public OfflineMocks(String region) {
    this.region = region;
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
                  + "); add it to MockResourceTypes"));
    }
    var suffix = hash(type + "/" + args.name);
    var physicalName =
        inputs.get("name") instanceof String given && !given.isEmpty()
            ? given
            : args.name + "-" + suffix.substring(0, 7);
    var prefix = idPrefix(type);
    // Where AWS uses the name as the id (log groups, roles, buckets), so does the mock.
    var id = prefix.isEmpty() ? physicalName : prefix + suffix.substring(0, 17);
    var resource = new MockResource(type, args.name, physicalName, id, region, ACCOUNT_ID, inputs);
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
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  @Override
  public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
    return switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity" ->
          CompletableFuture.completedFuture(
              Map.of(
                  "accountId",
                  ACCOUNT_ID,
                  "arn",
                  "arn:aws:iam::" + ACCOUNT_ID + ":role/offline-synth",
                  "id",
                  ACCOUNT_ID,
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
                  "partition", "aws",
                  "id", "aws",
                  "dnsSuffix", "amazonaws.com",
                  "reverseDnsPrefix", "com.amazonaws"));
      case "aws:secretsmanager/getRandomPassword:getRandomPassword" ->
          CompletableFuture.completedFuture(randomPassword(args));
      default ->
          CompletableFuture.failedFuture(
              new IllegalArgumentException(
                  "the offline engine has no mock for invoke "
                      + args.token
                      + "; add it to OfflineMocks"));
    };
  }

  /**
   * A deterministic stand-in for {@code GetRandomPassword}: {@link #RANDOM_PASSWORD_PREFIX} then
   * hex digits, as long as asked; distinct arguments give distinct values.
   */
  private static Map<String, Object> randomPassword(CallArgs args) {
    var length =
        args.args.get("passwordLength") instanceof Number n
            ? n.intValue()
            : DEFAULT_PASSWORD_LENGTH;
    var value = new StringBuilder(RANDOM_PASSWORD_PREFIX);
    var seed = new java.util.TreeMap<>(args.args).toString();
    while (value.length() < length) {
      seed = hash(seed);
      value.append(seed);
    }
    return Map.of("randomPassword", value.substring(0, length), "id", "aws");
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
