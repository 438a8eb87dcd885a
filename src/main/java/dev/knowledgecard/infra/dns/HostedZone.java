package dev.knowledgecard.infra.dns;

import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Route53Functions;
import com.pulumi.aws.route53.Zone;
import com.pulumi.aws.route53.ZoneArgs;
import com.pulumi.aws.route53.inputs.GetZoneArgs;
import com.pulumi.aws.route53.outputs.GetZoneResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

/**
 * The stack's public hosted zone: created here when the stack owns it (staging's {@code
 * staging.<domain>} in staging's account, on the reusable delegation set bootstrap made), otherwise
 * looked up (prod's apex zone, which comes with the domain). Every configured delegation becomes an
 * NS record set in this zone, so prod hands {@code staging.<domain>} to staging's account from
 * configuration instead of by hand.
 */
public final class HostedZone extends ComponentResource {
  public static final String TYPE = "knowledge-card:dns:HostedZone";

  /**
   * Two days, the TTL Route 53 gives a new zone's own NS records (Route 53 Developer Guide, "NS and
   * SOA records that Amazon Route 53 creates for a public hosted zone").
   */
  static final int NS_TTL_SECONDS = 172_800;

  private final Output<String> zoneId;
  private final Output<List<String>> nameServers;

  public HostedZone(String name, HostedZoneArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var settings = args.settings();
    if (settings.ownsZone()) {
      var zone =
          new Zone(
              name + "-zone",
              ZoneArgs.builder()
                  .name(args.zoneName())
                  .comment("Public zone of " + args.zoneName() + ", delegated from its parent zone")
                  .delegationSetId(settings.delegationSetId().map(Output::of).orElse(null))
                  // Records other tools added must be removed on purpose, never by a destroy.
                  .forceDestroy(false)
                  .build(),
              child);
      this.zoneId = zone.zoneId();
      this.nameServers = zone.nameServers();
    } else {
      var lookup = GetZoneArgs.builder().privateZone(false).name(args.zoneName());
      args.zoneId().ifPresent(lookup::zoneId);
      var found =
          Route53Functions.getZone(lookup.build(), InvokeOptions.builder().parent(this).build());
      this.zoneId = found.applyValue(GetZoneResult::zoneId);
      this.nameServers = found.applyValue(GetZoneResult::nameServers);
    }
    settings
        .delegatedSubdomains()
        .forEach(
            (subdomain, servers) ->
                new Record(
                    name + "-ns-" + subdomain.replace('.', '-'),
                    RecordArgs.builder()
                        .zoneId(zoneId)
                        .name(subdomain)
                        .type("NS")
                        .ttl(NS_TTL_SECONDS)
                        .records(servers)
                        .build(),
                    child));
    registerOutputs(Map.of("zoneId", zoneId, "nameServers", nameServers));
  }

  public Output<String> zoneId() {
    return zoneId;
  }

  /** The zone's name servers: what the parent zone's NS delegation must list. */
  public Output<List<String>> nameServers() {
    return nameServers;
  }
}
