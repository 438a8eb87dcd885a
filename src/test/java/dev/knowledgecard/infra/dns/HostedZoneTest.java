package dev.knowledgecard.infra.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.config.DnsSettings;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Staging owns its subdomain's zone; prod looks up the apex and delegates from configuration. */
class HostedZoneTest {
  private static final String ZONE = "aws:route53/zone:Zone";
  private static final String RECORD = "aws:route53/record:Record";

  private static List<String> texts(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  @DisplayName("staging creates its own zone and exports its name servers for prod's delegation")
  void stagingOwnsItsSubdomainZone() {
    var result = StackFixture.committedStack("staging");
    var zone = result.graph().named(ZONE, "staging-dns-zone");
    assertEquals("staging.knowledgecard.app", zone.prop("name").asText());
    assertEquals(false, zone.prop("forceDestroy").asBoolean(), "no silent record loss");
    var servers = (List<?>) result.outputs().get("hostedZoneNameServers");
    assertEquals(4, servers.size(), "the created zone's name servers: " + servers);
    // The certificate validation and the alias records go into the zone staging owns.
    var alias = result.graph().named(RECORD, "staging-lb-alias-a");
    assertEquals(zone.id(), alias.prop("zoneId").asText());
  }

  @Test
  @DisplayName("prod looks the apex zone up and delegates staging's subdomain with NS records")
  void prodDelegatesTheStagingSubdomain() {
    var g = StackFixture.committedStack("prod").graph();
    assertEquals(List.of(), g.ofType(ZONE), "the apex zone comes with the domain");
    var ns = g.named(RECORD, "prod-dns-ns-staging-knowledgecard-app");
    assertEquals("NS", ns.prop("type").asText());
    assertEquals("staging.knowledgecard.app", ns.prop("name").asText());
    assertEquals(HostedZone.NS_TTL_SECONDS, ns.prop("ttl").asInt());
    var configured =
        StackFixture.stackFile("prod").config().get("knowledge-card:delegatedSubdomains");
    texts(ns.prop("records"))
        .forEach(server -> assertTrue(configured.contains(server), server + " not configured"));
    assertEquals(4, ns.prop("records").size());
    // Delegated in the same zone the app's own records live in.
    assertEquals(
        g.named(RECORD, "prod-lb-alias-a").prop("zoneId").asText(), ns.prop("zoneId").asText());
  }

  @Test
  @DisplayName("a configured zone id pins the zone lookup")
  void zoneIdPinsTheLookup() {
    var g =
        StackFixture.runComponent(
                StackFixture.stackFile("prod"),
                ctx ->
                    new HostedZone(
                        "dns",
                        new HostedZoneArgs(
                            new DnsSettings(
                                false,
                                Optional.empty(),
                                Map.of("a.example.com", List.of("ns-1.x.org", "ns-2.x.com"))),
                            "example.com",
                            Optional.of("Z0123456789ABC")),
                        null))
            .graph();
    assertEquals("Z0123456789ABC", g.named(RECORD, "dns-ns-a-example-com").prop("zoneId").asText());
  }

  @Test
  @DisplayName("an owned zone on a delegation set keeps that set's name servers")
  void ownedZoneUsesTheDelegationSet() {
    var g =
        StackFixture.runComponent(
                StackFixture.stackFile("staging"),
                ctx ->
                    new HostedZone(
                        "dns",
                        new HostedZoneArgs(
                            new DnsSettings(true, Optional.of("N0123456789ABCDEFGHIJ"), Map.of()),
                            "staging.example.com",
                            Optional.empty()),
                        null))
            .graph();
    assertEquals(
        "N0123456789ABCDEFGHIJ", g.named(ZONE, "dns-zone").prop("delegationSetId").asText());
  }
}
