package dev.pretrain.dedup.clean;

import java.util.List;
import java.util.Locale;

/**
 * Replaces e-mail addresses and public IP addresses with placeholders, as FineWeb does with
 * datatrove's {@code PIIFormatter}: the default placeholders are datatrove's (example.com/org
 * addresses, and IPv4 addresses that answered no ping when its list was made), used in turn.
 * The turn restarts with every document, so the output does not depend on which documents a task
 * saw before (datatrove's counter runs across documents). Private, loopback, link-local,
 * documentation and other reserved addresses are kept (Python's {@code ipaddress.is_global}, which
 * datatrove uses). IPv6 is an addition over datatrove; its placeholder is from the documentation
 * range, so a second pass leaves it alone.
 */
public final class PiiRedactor implements Cleaner {
  private final boolean emails;
  private final boolean publicIps;
  private final List<String> emailPlaceholders;
  private final List<String> ipv4Placeholders;
  private final List<String> ipv6Placeholders;

  public PiiRedactor(boolean emails, boolean publicIps, List<String> emailPlaceholders,
      List<String> ipv4Placeholders, List<String> ipv6Placeholders) {
    if (emailPlaceholders.isEmpty() || ipv4Placeholders.isEmpty() || ipv6Placeholders.isEmpty()) {
      throw new IllegalArgumentException("every placeholder list needs at least one entry");
    }
    this.emails = emails;
    this.publicIps = publicIps;
    this.emailPlaceholders = List.copyOf(emailPlaceholders);
    this.ipv4Placeholders = List.copyOf(ipv4Placeholders);
    this.ipv6Placeholders = List.copyOf(ipv6Placeholders);
  }

  /** datatrove's PIIFormatter placeholders. */
  public static final List<String> DEFAULT_EMAIL_PLACEHOLDERS =
      List.of("email@example.com", "firstname.lastname@example.org");
  public static final List<String> DEFAULT_IPV4_PLACEHOLDERS = List.of(
      "22.214.171.124", "126.96.36.199", "188.8.131.52", "184.108.40.206", "220.127.116.11", "18.104.22.168");
  public static final List<String> DEFAULT_IPV6_PLACEHOLDERS = List.of("2001:db8::1");

  @Override
  public String name() {
    return "pii";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    String out = text;
    if (emails && out.indexOf('@') >= 0) {
      out = replace(out, Kind.EMAIL, emailPlaceholders, counters);
    }
    if (publicIps && out.indexOf('.') >= 0) {
      out = replace(out, Kind.IPV4, ipv4Placeholders, counters);
    }
    if (publicIps && out.indexOf(':') >= 0) {
      out = replace(out, Kind.IPV6, ipv6Placeholders, counters);
    }
    return out;
  }

  private enum Kind { EMAIL, IPV4, IPV6 }

  private static long find(Kind kind, String s, int from) {
    return switch (kind) {
      case EMAIL -> AddressScanner.findEmail(s, from);
      case IPV4 -> AddressScanner.findIpv4(s, from);
      case IPV6 -> AddressScanner.findIpv6Candidate(s, from);
    };
  }

  private static String replace(String text, Kind kind, List<String> placeholders, CleanCounters counters) {
    StringBuilder out = null;
    int last = 0;
    int turn = 0;
    long replaced = 0;
    for (long span = find(kind, text, 0); span >= 0; span = find(kind, text, AddressScanner.end(span))) {
      int start = AddressScanner.start(span);
      int end = AddressScanner.end(span);
      if (!shouldReplace(kind, text.substring(start, end))) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, start).append(placeholders.get(turn));
      turn = (turn + 1) % placeholders.size();
      last = end;
      replaced++;
    }
    if (out == null) {
      return text;
    }
    out.append(text, last, text.length());
    counters.add("pii." + kind.name().toLowerCase(Locale.ROOT) + "-replaced", replaced);
    return out.toString();
  }

  private static boolean shouldReplace(Kind kind, String match) {
    return switch (kind) {
      case EMAIL -> true;
      case IPV4 -> IpAddresses.isPublicIpv4(IpAddresses.parseIpv4(match));
      case IPV6 -> {
        long[] ip = IpAddresses.parseIpv6(match);
        yield ip != null && IpAddresses.isPublicIpv6(ip);
      }
    };
  }
}
