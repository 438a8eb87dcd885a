package dev.knowledgecard.infra.config;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
  // AWS tag limits: key 1-128 and value 0-256 Unicode characters of letters, spaces, numbers and
  // _ . : / = + - @; no aws: prefix (https://docs.aws.amazon.com/tag-editor/latest/userguide/
  // tagging.html, "Tag naming limits and requirements"); at most 50 tags per resource.
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
  private static final int MAX_TAGS = 50;

  /**
   * Tags the program sets on every resource and nobody may override through {@code
   * aws:defaultTags}: the deploy role's delete permissions are conditioned on {@code Stack}
   * (access.DeployPermissions), a stack-scoped budget filters on the {@code Stack} cost allocation
   * tag (guardrails.Guardrails), and the others identify what owns a resource.
   */
  public static final Set<String> RESERVED_TAGS =
      Set.of("Project", "Stack", "Environment", "ManagedBy");

  /** AWS provider keys that hold credentials: they must be {@code secure:} values. */
  private static final Set<String> AWS_SECRET_KEYS = Set.of("secretKey", "token");

  /** AWS provider keys that may be {@code secure:} values. */
  private static final Set<String> AWS_SECURE_ALLOWED = Set.of("accessKey", "secretKey", "token");

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  public StackConfig {
    // Unordered: StackContext, the only reader, sorts the tags for everything built from them.
    tags = Map.copyOf(tags);
  }

  /** Reads and validates everything; throws with every problem found if anything is wrong. */
  public static StackConfig load(ConfigSource source, String project, String stack) {
    return load(source, project, stack, LocalDate.now(Clock.systemUTC()));
  }

  /**
   * Reads and validates everything as of {@code today} (waiver expiry); throws with every problem
   * found if anything is wrong.
   */
  public static StackConfig load(
      ConfigSource source, String project, String stack, LocalDate today) {
    var ledger = new ConfigReader.Ledger();
    var problems = ledger.problems;
    var reader = new ConfigReader(source, NAMESPACE, ledger);
    var aws = new ConfigReader(source, "aws", ledger);

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

    var waivers = Waivers.read(reader, environment, stack, today);
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
        .filter(key -> key.startsWith(NAMESPACE + ":") && !ledger.readKeys.contains(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    new ConfigProblem(
                        key,
                        "(set)",
                        "not a setting of this program (misspelled?); see the configuration"
                            + " table in docs/configuration.md")));
    AWS_SECRET_KEYS.forEach(aws::holdsSecret);
    checkSecureValues(source, problems, ledger.secretKeys);

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
      aws.problem("allowedAccountIds", "[" + String.join(",", ids) + "]", allowed);
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
    var raw = aws.raw("defaultTags");
    if (raw.isPresent()) {
      // Optional.map would turn the parser's null (wrong shape) into "not set".
      var extra = DefaultTags.parse(raw.get());
      if (extra == null) {
        aws.problem("defaultTags", raw.get(), "{tags: {Key: value, ...}} of strings");
      } else {
        extra.forEach((key, value) -> checkTag(aws, tags, key, value));
      }
    }
    if (tags.size() > MAX_TAGS) {
      aws.problem(
          "defaultTags.tags",
          tags.size() + " tags",
          "at most "
              + MAX_TAGS
              + " tags per resource (AWS), "
              + RESERVED_TAGS.size()
              + " of them the"
              + " program's own");
    }
    return tags;
  }

  private static void checkTag(
      ConfigReader aws, Map<String, String> tags, String key, String value) {
    var where = "defaultTags.tags." + key;
    var reserved = RESERVED_TAGS.stream().filter(r -> r.equalsIgnoreCase(key.trim())).findFirst();
    if (reserved.isPresent()) {
      aws.problem(
          where,
          value,
          "a tag key other than the reserved "
              + new TreeSet<>(RESERVED_TAGS)
              + ": the program sets "
              + reserved.get()
              + " itself (IAM conditions and cost allocation rely on it)");
    } else if (!TAG_KEY.matcher(key).matches() || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      aws.problem(
          where,
          key,
          "a tag key of 1-128 letters, spaces, digits or _ . : / = + - @, not starting with aws:");
    } else if (value == null || !TAG_VALUE.matcher(value).matches()) {
      aws.problem(where, value, "a tag value of 0-256 letters, spaces, digits or _ . : / = + - @");
    } else {
      tags.put(key, value);
    }
  }

  /**
   * A {@code secure:} value only on keys that hold secrets, and those keys only as {@code secure:}
   * values: a secret in plain text lands in git, and a secure value on an ordinary key would be
   * used (and shown) in plain text.
   */
  private static void checkSecureValues(
      ConfigSource source, List<ConfigProblem> problems, Set<String> secretKeys) {
    var present = source.presentKeys();
    if (present.isEmpty()) {
      return; // keys unknown (a component test): nothing to compare
    }
    for (var key : new TreeSet<>(source.secureKeys())) {
      var awsSecure = key.startsWith("aws:") && AWS_SECURE_ALLOWED.contains(key.substring(4));
      if (!secretKeys.contains(key) && !awsSecure) {
        problems.add(
            new ConfigProblem(
                key,
                ConfigReader.REDACTED,
                "a plain value: this key holds no secret, and its value would be used in plain text;"
                    + " secure values only on "
                    + new TreeSet<>(secretKeys)));
      }
    }
    for (var key : new TreeSet<>(secretKeys)) {
      if (present.contains(key) && !source.secureKeys().contains(key)) {
        problems.add(
            new ConfigProblem(
                key,
                "(plain text, not shown)",
                "a secure value: set it with pulumi config set --secret " + key));
      }
    }
  }
}
