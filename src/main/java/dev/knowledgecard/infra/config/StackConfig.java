package dev.knowledgecard.infra.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The whole stack configuration, read once from Pulumi config (namespace {@value #NAMESPACE} plus
 * {@code aws:region}) and validated before any resource is registered. Components never read config
 * themselves: they get the typed pieces they need from here.
 *
 * @param project the Pulumi project name
 * @param stack the Pulumi stack name
 * @param environment {@code staging} or {@code prod}; picks every default below
 * @param region the AWS region ({@code aws:region})
 * @param accountId the one AWS account this stack may run in ({@code aws:allowedAccountIds}, a list
 *     of exactly one id: one account per stack); the provider refuses any other account
 * @param network VPC, subnets, NAT and flow logs
 * @param ports the ports the tiers talk on
 * @param logging the application log group
 * @param waivers controls this stack knowingly relaxes, with reasons
 * @param tags extra tags for every resource ({@code aws:defaultTags.tags}), merged over the
 *     standard ones
 * @param database the PostgreSQL instance
 * @param cache the Redis replication group
 * @param storage the media bucket
 * @param secrets the application's secrets
 * @param alarms alarm subscribers and thresholds
 * @param access CI deploy access and account-level ownership
 * @param budget the monthly cost budget
 * @param registry the image repository's lifecycle
 * @param service the container service: image, size, count, deployment, scaling
 * @param loadBalancer the load balancer, its logs and the domain it serves
 * @param dns the stack's hosted zone (looked up or owned) and the subdomains it delegates
 */
public record StackConfig(
    String project,
    String stack,
    Environment environment,
    String region,
    String accountId,
    NetworkSettings network,
    Ports ports,
    LoggingSettings logging,
    Waivers waivers,
    Map<String, String> tags,
    DatabaseSettings database,
    CacheSettings cache,
    StorageSettings storage,
    SecretsSettings secrets,
    AlarmSettings alarms,
    AccessSettings access,
    BudgetSettings budget,
    RegistrySettings registry,
    ServiceSettings service,
    LoadBalancerSettings loadBalancer,
    DnsSettings dns) {

  public static final String NAMESPACE = "knowledge-card";
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

  public StackConfig {
    tags = Map.copyOf(tags);
  }

  /** Reads and validates everything; throws with every problem found if anything is wrong. */
  public static StackConfig load(ConfigSource source, String project, String stack) {
    var problems = new ArrayList<ConfigProblem>();
    var readKeys = new HashSet<String>();
    var reader = new ConfigReader(source, NAMESPACE, problems, readKeys);
    var aws = new ConfigReader(source, "aws", problems, readKeys);

    var envName = reader.required("environment", "staging or prod", "staging");
    var environment = Environment.fromConfigName(envName).orElse(null);
    if (environment == null) {
      reader.problem("environment", envName, "one of [staging, prod]");
      environment = Environment.STAGING;
    }
    var region =
        aws.required(
            "region", "an AWS region name such as us-east-1 (pulumi config set aws:region)", "");
    if (!region.isEmpty() && !REGION.matcher(region).matches()) {
      aws.problem("region", region, "an AWS region name such as us-east-1");
      region = "";
    }
    var regionForDefaults = region.isEmpty() ? "us-east-1" : region;
    var accountId = readAccountId(aws);

    var waivers = Waivers.read(reader);
    var network = NetworkSettings.read(reader, environment, regionForDefaults, waivers);
    var ports = Ports.read(reader);
    var logging = LoggingSettings.read(reader, environment);
    var tags = readTags(aws, project, stack, environment);
    var database = DatabaseSettings.read(reader, environment, waivers);
    var cache = CacheSettings.read(reader, environment, waivers);
    var storage = StorageSettings.read(reader, environment, waivers);
    var secrets = SecretsSettings.read(reader, environment, waivers);
    var alarms = AlarmSettings.read(reader, environment);
    var access = AccessSettings.read(reader, stack);
    var budget = BudgetSettings.read(reader, environment, alarms, access);
    var registry = RegistrySettings.read(reader, environment);
    var service = ServiceSettings.read(reader, environment, waivers);
    var loadBalancer = LoadBalancerSettings.read(reader, environment, waivers);
    var dns = DnsSettings.read(reader, loadBalancer);
    source.presentKeys().stream()
        .filter(key -> key.startsWith(NAMESPACE + ":") && !readKeys.contains(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    new ConfigProblem(
                        key,
                        "(set)",
                        "not a setting of this program (misspelled?); see the configuration"
                            + " table in README.md")));

    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new StackConfig(
        project,
        stack,
        environment,
        region,
        accountId,
        network,
        ports,
        logging,
        waivers,
        tags,
        database,
        cache,
        storage,
        secrets,
        alarms,
        access,
        budget,
        registry,
        service,
        loadBalancer,
        dns);
  }

  /** Prefix for physical names and Name tags, e.g. {@code knowledge-card-staging}. */
  public String resourcePrefix() {
    return project + "-" + stack;
  }

  /**
   * Pulumi's guard against applying a stack in the wrong account: the AWS provider fails before any
   * change when the credentials' account is not listed. Exactly one id, since each stack has its
   * own account; the program also builds every ARN from it.
   */
  private static String readAccountId(ConfigReader aws) {
    var allowed = "a list of exactly one 12-digit AWS account id, the stack's own account";
    var ids = aws.stringList("allowedAccountIds", List.of());
    if (aws.raw("allowedAccountIds").isEmpty()) {
      aws.problem("allowedAccountIds", null, "required: " + allowed);
    } else if (ids.size() != 1 || !ACCOUNT_ID.matcher(ids.get(0)).matches()) {
      aws.problem("allowedAccountIds", String.join(",", ids), allowed);
    } else {
      return ids.get(0);
    }
    return "000000000000";
  }

  private static Map<String, String> readTags(
      ConfigReader aws, String project, String stack, Environment environment) {
    var tags = new LinkedHashMap<String, String>();
    tags.put("Project", project);
    tags.put("Stack", stack);
    tags.put("Environment", environment.configName());
    tags.put("ManagedBy", "pulumi");
    var extra = aws.raw("defaultTags").map(DefaultTags::parse);
    if (extra.isPresent()) {
      if (extra.get() == null) {
        aws.problem("defaultTags", aws.raw("defaultTags").orElse(""), "{tags: {Key: value, ...}}");
      } else {
        extra
            .get()
            .forEach(
                (key, value) -> {
                  if (!TAG_KEY.matcher(key).matches() || key.startsWith("aws:")) {
                    aws.problem(
                        "defaultTags.tags." + key,
                        value,
                        "a tag key of 1-128 allowed characters, not aws:");
                  }
                  tags.put(key, value);
                });
      }
    }
    return tags;
  }
}
