package dev.pretrain.dedup.clean;

/**
 * Parsing and "is this address public" for the PII step, without name lookups. Public means what
 * Python's {@code ipaddress.is_global} means (the IANA special-purpose registries, RFC 6890):
 * private, shared (100.64/10), loopback, link-local, documentation, benchmarking, reserved and
 * broadcast IPv4 addresses are not public; for IPv6 only global unicast 2000::/3 is, less
 * documentation (2001:db8::/32), the IETF protocol block (2001::/23) and 6to4 (2002::/16).
 */
final class IpAddresses {
  private IpAddresses() {}

  /** The address as an unsigned 32-bit value; the text must be a dotted quad of 0-255. */
  static long parseIpv4(String s) {
    long ip = 0;
    for (String part : s.split("\\.", -1)) {
      ip = (ip << 8) | Integer.parseInt(part);
    }
    return ip;
  }

  static boolean isPublicIpv4(long ip) {
    return !(in(ip, 0x00000000L, 8) // "this network"
        || in(ip, 0x0A000000L, 8) // private
        || in(ip, 0x64400000L, 10) // shared address space (carrier-grade NAT)
        || in(ip, 0x7F000000L, 8) // loopback
        || in(ip, 0xA9FE0000L, 16) // link-local
        || in(ip, 0xAC100000L, 12) // private
        || (in(ip, 0xC0000000L, 24) && ip != 0xC0000009L && ip != 0xC000000AL) // IETF protocol
        || in(ip, 0xC0000200L, 24) // TEST-NET-1
        || in(ip, 0xC0A80000L, 16) // private
        || in(ip, 0xC6120000L, 15) // benchmarking
        || in(ip, 0xC6336400L, 24) // TEST-NET-2
        || in(ip, 0xCB007100L, 24) // TEST-NET-3
        || in(ip, 0xF0000000L, 4)); // reserved and broadcast
  }

  private static boolean in(long ip, long network, int prefix) {
    long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return (ip & mask) == network;
  }

  /**
   * The address as {high 64 bits, low 64 bits}, or null if the text is not an IPv6 address in
   * the usual hex notation (eight groups, or fewer with one "::"; no embedded IPv4 or zone).
   */
  static long[] parseIpv6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head;
    String[] tail;
    if (gap >= 0) {
      head = s.substring(0, gap).isEmpty() ? new String[0] : s.substring(0, gap).split(":", -1);
      tail = s.substring(gap + 2).isEmpty() ? new String[0] : s.substring(gap + 2).split(":", -1);
      if (head.length + tail.length > 7) {
        return null;
      }
    } else {
      head = s.split(":", -1);
      tail = new String[0];
      if (head.length != 8) {
        return null;
      }
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      if ((groups[i] = group(head[i])) < 0) {
        return null;
      }
    }
    for (int i = 0; i < tail.length; i++) {
      if ((groups[8 - tail.length + i] = group(tail[i])) < 0) {
        return null;
      }
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | groups[i];
      lo = (lo << 16) | groups[i + 4];
    }
    return new long[] {hi, lo};
  }

  private static int group(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    try {
      return Integer.parseInt(g, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isPublicIpv6(long[] ip) {
    long hi = ip[0];
    boolean globalUnicast = (hi >>> 61) == 0b001; // 2000::/3
    boolean documentation = (hi >>> 32) == 0x20010DB8L;
    boolean ietfProtocol = (hi >>> 41) == (0x2001L << 7); // 2001::/23: its top 23 bits
    boolean sixToFour = (hi >>> 48) == 0x2002L;
    return globalUnicast && !documentation && !ietfProtocol && !sixToFour;
  }
}
