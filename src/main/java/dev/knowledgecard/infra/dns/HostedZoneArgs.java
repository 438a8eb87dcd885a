package dev.knowledgecard.infra.dns;

import dev.knowledgecard.infra.config.DnsSettings;
import java.util.Optional;

/**
 * Inputs of {@link HostedZone}.
 *
 * @param settings whether the stack owns the zone, its delegation set, the subdomains it delegates
 * @param zoneName the public zone's name ({@code hostedZoneName})
 * @param zoneId the id of a looked-up zone when several share its name ({@code hostedZoneId})
 */
public record HostedZoneArgs(DnsSettings settings, String zoneName, Optional<String> zoneId) {}
