package dev.knowledgecard.infra.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public entry point: load balancer, its access logs, and the domain it serves.
 *
 * @param domainName the app's domain, e.g. {@code app.example.com}; with it the stack gets an ACM
 *     certificate, HTTPS on 443, HTTP redirected to HTTPS and alias records. Required in prod;
 *     without it (a sandbox stack) the load balancer serves plain HTTP, which needs a waiver of
 *     ELB.1.
 * @param hostedZoneName the public Route 53 hosted zone holding {@code domainName} (the domain or a
 *     parent of it); required with a domain.
 * @param hostedZoneId optional id of that zone, when several zones share its name.
 * @param accessLogRetentionDays days ALB access logs are kept; default 30 (staging), 90 (prod).
 * @param deletionProtection ALB deletion protection; default false (staging, waiver ELB.6), true
 *     (prod).
 */
public record LoadBalancerSettings(
    Optional<String> domainName,
    Optional<String> hostedZoneName,
    Optional<String> hostedZoneId,
    int accessLogRetentionDays,
    boolean deletionProtection) {

  private static final Pattern HOSTNAME =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");

  static LoadBalancerSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var domain = reader.optionalString("domainName").map(LoadBalancerSettings::normalise);
    var zone = reader.optionalString("hostedZoneName").map(LoadBalancerSettings::normalise);
    var zoneId = reader.optionalString("hostedZoneId");
    domain.ifPresent(
        d -> {
          if (!HOSTNAME.matcher(d).matches()) {
            reader.problem("domainName", d, "a DNS name such as app.example.com");
          }
        });
    zone.ifPresent(
        z -> {
          if (!HOSTNAME.matcher(z).matches()) {
            reader.problem("hostedZoneName", z, "a DNS zone name such as example.com");
          }
        });
    zoneId.ifPresent(
        id -> {
          if (!ZONE_ID.matcher(id).matches()) {
            reader.problem(
                "hostedZoneId", id, "a Route 53 hosted zone id such as Z0123456ABCDEFGHIJ");
          }
        });
    if (domain.isPresent()) {
      if (zone.isEmpty()) {
        reader.problem(
            "hostedZoneName", null, "required with domainName: the public zone that holds it");
      } else if (!domain.get().equals(zone.get()) && !domain.get().endsWith("." + zone.get())) {
        reader.problem(
            "domainName",
            domain.get(),
            "a name inside the hosted zone " + zone.get() + " (hostedZoneName)");
      }
    } else {
      if (env.isProd()) {
        reader.problem(
            "domainName",
            null,
            "required in prod: the app is served over HTTPS with a certificate for it");
      } else {
        waivers.requireFor(reader, true, "ELB.1", "domainName", "(none: plain HTTP)");
      }
      zone.ifPresent(z -> reader.problem("hostedZoneName", z, "only together with domainName"));
    }

    // Port 80 always has a listener (the redirect, or plain HTTP without a domain): ELB.18 always
    // needs its waiver, the price of ELB.1's redirect.
    waivers.requireFor(
        reader,
        true,
        "ELB.18",
        "domainName",
        domain.map(d -> d + " (HTTP listener on 80 redirects)").orElse("(none)"));

    var deletionProtection = reader.bool("albDeletionProtection", env.pick(false, true));
    waivers.requireFor(
        reader,
        !deletionProtection,
        "ELB.6",
        "albDeletionProtection",
        Boolean.toString(deletionProtection));
    return new LoadBalancerSettings(
        domain,
        zone,
        zoneId,
        reader.integer("albAccessLogRetentionDays", env.pick(30, 90), 1, 3650),
        deletionProtection);
  }

  private static String normalise(String name) {
    var lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
