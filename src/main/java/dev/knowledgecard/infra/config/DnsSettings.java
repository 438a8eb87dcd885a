package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The stack's public hosted zone and the subdomains it hands to other accounts. With one AWS
 * account per stack, prod's account holds the apex zone (created with the domain, looked up here)
 * and delegates {@code staging.<domain>} to the zone staging's account owns.
 *
 * @param ownsZone whether this stack creates the zone {@code hostedZoneName} ({@code
 *     hostedZoneOwned}; staging) instead of looking it up (prod's apex zone); default false
 * @param delegationSetId the reusable delegation set the owned zone uses ({@code
 *     hostedZoneDelegationSetId}), so its name servers are known, and delegated, before the zone
 *     exists; created by {@code scripts/bootstrap.sh}
 * @param delegatedSubdomains subdomain to its name servers ({@code delegatedSubdomains}): one NS
 *     record set per entry in this stack's zone, e.g. prod delegating {@code staging.<domain>} to
 *     staging's {@code hostedZoneNameServers} output
 */
public record DnsSettings(
    boolean ownsZone,
    Optional<String> delegationSetId,
    Map<String, List<String>> delegatedSubdomains) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HOSTNAME =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern DELEGATION_SET_ID = Pattern.compile("N[A-Z0-9]{1,31}");
  private static final int MIN_NAME_SERVERS = 2;
  private static final int MAX_NAME_SERVERS = 8;

  public DnsSettings {
    delegatedSubdomains = Collections.unmodifiableMap(new TreeMap<>(delegatedSubdomains));
  }

  static DnsSettings read(ConfigReader reader, LoadBalancerSettings loadBalancer) {
    var zone = loadBalancer.hostedZoneName();
    var owns = reader.bool("hostedZoneOwned", false);
    if (owns && zone.isEmpty()) {
      reader.problem("hostedZoneOwned", "true", "only with hostedZoneName (the zone to create)");
    }
    if (owns && loadBalancer.hostedZoneId().isPresent()) {
      reader.problem(
          "hostedZoneId",
          loadBalancer.hostedZoneId().get(),
          "unset when hostedZoneOwned: the stack creates the zone and knows its id");
    }
    var delegationSet = reader.optionalString("hostedZoneDelegationSetId");
    delegationSet.ifPresent(
        id -> {
          if (!owns) {
            reader.problem("hostedZoneDelegationSetId", id, "only with hostedZoneOwned: true");
          } else if (!DELEGATION_SET_ID.matcher(id).matches()) {
            reader.problem(
                "hostedZoneDelegationSetId",
                id,
                "a Route 53 reusable delegation set id such as N0123456789ABCDEFGHIJ");
          }
        });
    var delegations = delegations(reader);
    delegations.forEach(
        (subdomain, servers) -> {
          var key = "delegatedSubdomains." + subdomain;
          if (zone.isEmpty() || !subdomain.endsWith("." + zone.get())) {
            reader.problem(
                key,
                subdomain,
                "a subdomain strictly inside hostedZoneName (" + zone.orElse("unset") + ")");
          }
          if (servers.size() < MIN_NAME_SERVERS || servers.size() > MAX_NAME_SERVERS) {
            reader.problem(
                key,
                String.join(",", servers),
                MIN_NAME_SERVERS + " to " + MAX_NAME_SERVERS + " name servers");
          }
          servers.stream()
              .filter(ns -> !HOSTNAME.matcher(ns).matches())
              .forEach(ns -> reader.problem(key, ns, "a name server host name"));
        });
    return new DnsSettings(owns, delegationSet, delegations);
  }

  private static Map<String, List<String>> delegations(ConfigReader reader) {
    var raw = reader.optionalString("delegatedSubdomains");
    if (raw.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, List<String>> parsed =
          JSON.readValue(raw.get(), new TypeReference<LinkedHashMap<String, List<String>>>() {});
      var normalised = new LinkedHashMap<String, List<String>>();
      parsed.forEach(
          (name, servers) ->
              normalised.put(
                  normalise(name),
                  servers == null
                      ? List.of()
                      : servers.stream().map(DnsSettings::normalise).toList()));
      return normalised;
    } catch (JsonProcessingException e) {
      reader.problem(
          "delegatedSubdomains", raw.get(), "a map of subdomain to a list of name servers");
      return Map.of();
    }
  }

  private static String normalise(String name) {
    var lower = String.valueOf(name).toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
