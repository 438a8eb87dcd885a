package dev.knowledgecard.infra.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The network plan: VPC block, availability zones, how subnets are carved, NAT strategy, flow logs.
 *
 * @param vpcCidr VPC address block; default {@code 10.20.0.0/16} (staging), {@code 10.30.0.0/16}
 *     (prod). Prefix /16 to /24.
 * @param availabilityZones AZs of the stack's region; default the region's a, b (staging) and a, b,
 *     c (prod). At least two, distinct.
 * @param natStrategy {@code singleInstance} (staging default: one NAT instance for every AZ),
 *     {@code instance} (prod default: a NAT instance per AZ), {@code single} (one managed NAT
 *     gateway) or {@code perAz} (a managed NAT gateway per AZ).
 * @param subnets the planned subnets, tier by tier, AZ by AZ, carved in order from the VPC block.
 * @param flowLogRetentionDays flow-log retention; default 30 (staging), 90 (prod).
 * @param flowLogTrafficType {@code REJECT} (staging default), {@code ALL} (prod default) or {@code
 *     ACCEPT}.
 * @param interfaceEndpoints AWS services given an interface endpoint in the app subnets of the
 *     first {@code interfaceEndpointZones} zones (e.g. {@code ec2}, {@code ecr.api}); default none
 *     (staging), {@code [ec2]} (prod, control EC2.10).
 * @param interfaceEndpointZones how many zones, the first of {@code availabilityZones}, carry the
 *     endpoints' interfaces; default 2. Private DNS resolves from every zone to the endpoint's
 *     interfaces in any zone that is up, so two survive the loss of one zone (AWS PrivateLink
 *     guide, "Access an AWS service using an interface VPC endpoint": one interface per chosen
 *     subnet, at least two zones for availability); each further zone costs an interface's hours
 *     per endpoint. At least 2 in prod.
 */
public record NetworkSettings(
    Ipv4Cidr vpcCidr,
    List<String> availabilityZones,
    NatStrategy natStrategy,
    List<SubnetSpec> subnets,
    int flowLogRetentionDays,
    String flowLogTrafficType,
    List<String> interfaceEndpoints,
    int interfaceEndpointZones) {

  private static final Pattern AZ = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
  private static final Pattern ENDPOINT_SERVICE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
  private static final int MIN_VPC_PREFIX = 16;
  private static final int MAX_VPC_PREFIX = 24;
  private static final int MAX_SUBNET_PREFIX = 28;

  public NetworkSettings {
    availabilityZones = List.copyOf(availabilityZones);
    subnets = List.copyOf(subnets);
    interfaceEndpoints = List.copyOf(interfaceEndpoints);
  }

  public List<SubnetSpec> subnets(SubnetTier tier) {
    return subnets.stream().filter(s -> s.tier() == tier).toList();
  }

  /** The app subnets that carry the interface endpoints: those of the first zones. */
  public List<SubnetSpec> endpointSubnets() {
    var app = subnets(SubnetTier.APP);
    return app.subList(0, Math.min(interfaceEndpointZones, app.size()));
  }

  static NetworkSettings read(
      ConfigReader reader, Environment env, String region, Waivers waivers) {
    var defaultCidr = env.pick("10.20.0.0/16", "10.30.0.0/16");
    var cidrText = reader.string("vpcCidr", defaultCidr);
    var vpcCidr = Ipv4Cidr.parse(cidrText).orElse(null);
    if (vpcCidr == null) {
      reader.problem("vpcCidr", cidrText, "an IPv4 network in CIDR form with zero host bits");
    } else if (vpcCidr.prefix() < MIN_VPC_PREFIX || vpcCidr.prefix() > MAX_VPC_PREFIX) {
      reader.problem(
          "vpcCidr",
          cidrText,
          "a prefix from /" + MIN_VPC_PREFIX + " to /" + MAX_VPC_PREFIX + " (AWS and the plan)");
      vpcCidr = null;
    } else if (!vpcCidr.isPrivate()) {
      reader.problem(
          "vpcCidr",
          cidrText,
          "a private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) or"
              + " 100.64.0.0/10 (RFC 6598); a public range shadows real internet addresses");
      vpcCidr = null;
    }

    var defaultZones =
        env.pick(
            List.of(region + "a", region + "b"), List.of(region + "a", region + "b", region + "c"));
    var zones = reader.stringList("availabilityZones", defaultZones);
    validateZones(reader, zones, region);

    var nat =
        reader.choice(
            "natStrategy",
            env.pick(NatStrategy.SINGLE_INSTANCE, NatStrategy.INSTANCE),
            NatStrategy.BY_NAME);

    var prefixes =
        Map.of(
            SubnetTier.PUBLIC,
                reader.integer("publicSubnetPrefix", 24, MIN_VPC_PREFIX, MAX_SUBNET_PREFIX),
            SubnetTier.APP,
                reader.integer("appSubnetPrefix", 22, MIN_VPC_PREFIX, MAX_SUBNET_PREFIX),
            SubnetTier.DATA,
                reader.integer("dataSubnetPrefix", 24, MIN_VPC_PREFIX, MAX_SUBNET_PREFIX));
    var subnets = vpcCidr == null ? List.<SubnetSpec>of() : plan(reader, vpcCidr, zones, prefixes);

    var retention =
        reader.integerOneOf("flowLogRetentionDays", env.pick(30, 90), LogRetention.ALLOWED_DAYS);
    var traffic =
        reader.choice(
            "flowLogTrafficType",
            env.pick("REJECT", "ALL"),
            Map.of("ALL", "ALL", "ACCEPT", "ACCEPT", "REJECT", "REJECT"));

    var endpoints = reader.stringList("interfaceEndpoints", env.pick(List.of(), List.of("ec2")));
    for (var service : endpoints) {
      if (!ENDPOINT_SERVICE.matcher(service).matches() || "s3".equals(service)) {
        reader.problem(
            "interfaceEndpoints",
            service,
            "an AWS service name for an interface endpoint such as ec2 or ecr.api"
                + " (s3 always has a free gateway endpoint)");
      }
    }
    if (new HashSet<>(endpoints).size() != endpoints.size()) {
      reader.problem("interfaceEndpoints", String.join(",", endpoints), "each service once");
    }
    waivers.requireFor(
        reader, !endpoints.contains("ec2"), "EC2.10", "interfaceEndpoints", endpoints.toString());
    // Prod keeps every endpoint in two zones at least, so losing a zone leaves it reachable.
    var minEndpointZones = env.isProd() ? 2 : 1;
    var endpointZones =
        reader.integer(
            "interfaceEndpointZones",
            2,
            minEndpointZones,
            Math.max(minEndpointZones, zones.size()));
    if (nat.instance()) {
      // What a NAT instance cannot do by its nature: a public address (EC2.9), forwarding others'
      // packets (EC2.180), a second interface that outlives it (EC2.17), one zone per group so
      // each zone keeps its own egress (AutoScaling.2). Without an EC2 API endpoint the instance
      // also needs a public address of its own to attach that interface (EC2.25).
      var name = nat.configName();
      for (var control : List.of("EC2.9", "EC2.180", "EC2.17", "AutoScaling.2")) {
        waivers.requireFor(reader, true, control, "natStrategy", name);
      }
      waivers.requireFor(reader, !endpoints.contains("ec2"), "EC2.25", "natStrategy", name);
    }
    return new NetworkSettings(
        vpcCidr == null ? Ipv4Cidr.parse(defaultCidr).orElseThrow() : vpcCidr,
        zones,
        nat,
        subnets,
        retention,
        traffic,
        endpoints,
        endpointZones);
  }

  private static void validateZones(ConfigReader reader, List<String> zones, String region) {
    var key = "availabilityZones";
    if (zones.size() < 2) {
      reader.problem(
          key, String.join(",", zones), "at least 2 availability zones (high availability)");
    }
    if (new HashSet<>(zones).size() != zones.size()) {
      reader.problem(key, String.join(",", zones), "distinct availability zones (no duplicates)");
    }
    for (var zone : zones) {
      if (!AZ.matcher(zone).matches()
          || !zone.startsWith(region)
          || zone.length() != region.length() + 1) {
        reader.problem(
            key,
            zone,
            "an availability zone of the stack's region " + region + " (e.g. " + region + "a)");
      }
    }
  }

  /**
   * Carves tier after tier, AZ after AZ, each block aligned to its size, and checks it all fits.
   */
  private static List<SubnetSpec> plan(
      ConfigReader reader, Ipv4Cidr vpc, List<String> zones, Map<SubnetTier, Integer> prefixes) {
    var planned = new ArrayList<SubnetSpec>();
    long cursor = vpc.base();
    for (var tier : SubnetTier.values()) {
      int prefix = prefixes.get(tier);
      if (prefix < vpc.prefix()) {
        reader.problem(
            tier.label() + "SubnetPrefix",
            Integer.toString(prefix),
            "a prefix no larger than the VPC's /" + vpc.prefix());
        return List.of();
      }
      long size = 1L << (32 - prefix);
      for (var zone : zones) {
        cursor = (cursor + size - 1) / size * size;
        if (cursor + size > vpc.end()) {
          reader.problem(
              "vpcCidr",
              vpc.toString(),
              "room for "
                  + zones.size()
                  + " public /"
                  + prefixes.get(SubnetTier.PUBLIC)
                  + ", app /"
                  + prefixes.get(SubnetTier.APP)
                  + " and data /"
                  + prefixes.get(SubnetTier.DATA)
                  + " subnets: the subnet plan does not fit; use a larger VPC block or smaller"
                  + " subnets");
          return List.of();
        }
        planned.add(new SubnetSpec(tier, zone, new Ipv4Cidr(cursor, prefix)));
        cursor += size;
      }
    }
    return planned;
  }
}
