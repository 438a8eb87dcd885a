package dev.knowledgecard.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 network in CIDR notation whose host bits are zero, e.g. {@code 10.20.0.0/16}. */
public record Ipv4Cidr(long base, int prefix) {
  private static final Pattern SHAPE =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  public static Optional<Ipv4Cidr> parse(String text) {
    var m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long base = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return Optional.empty();
      }
      base = (base << 8) | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    if (prefix > 32 || (base & hostMask(prefix)) != 0) {
      return Optional.empty();
    }
    return Optional.of(new Ipv4Cidr(base, prefix));
  }

  /** Private ranges a VPC may use: RFC 1918 and the RFC 6598 shared address space. */
  private static final java.util.List<Ipv4Cidr> PRIVATE =
      java.util.stream.Stream.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
          .map(c -> parse(c).orElseThrow())
          .toList();

  /** True when this whole block lies inside one of the private ranges. */
  public boolean isPrivate() {
    return PRIVATE.stream().anyMatch(p -> prefix >= p.prefix && base >= p.base && end() <= p.end());
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public long end() {
    return base + size();
  }

  @Override
  public String toString() {
    return ((base >> 24) & 255)
        + "."
        + ((base >> 16) & 255)
        + "."
        + ((base >> 8) & 255)
        + "."
        + (base & 255)
        + "/"
        + prefix;
  }

  private static long hostMask(int prefix) {
    return (1L << (32 - prefix)) - 1;
  }
}
