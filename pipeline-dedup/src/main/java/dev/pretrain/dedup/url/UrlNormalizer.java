package dev.pretrain.dedup.url;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One URL in the form two copies of a page share: the URL dedup key and what the blocklists are
 * matched against. Written for this project after the usual crawler canonicalization (RFC 3986
 * section 6.2.2-6.2.3 syntax- and scheme-based normalization, plus the tracking-parameter removal
 * that browsers' query stripping does):
 *
 * <ul>
 *   <li>the scheme goes: {@code http} and {@code https} serve the same page on the web of a crawl
 *       (Common Crawl holds both for many sites); another scheme stays as a {@code scheme://}
 *       prefix so an {@code ftp} URL never meets an {@code http} one; a URL without a scheme
 *       ({@code example.com/a}, as UT1's {@code urls} files write them) is read as {@code http};
 *   <li>the host is lower-cased, an internationalized one written in ASCII (punycode, as lists
 *       write them), its trailing dot and a leading {@code www.} dropped, user info dropped, the
 *       scheme's default port dropped;
 *   <li>the fragment goes (it never reaches the server); an empty path becomes {@code /}; the rest
 *       of the path is kept as it is (case and a trailing slash can name another page);
 *   <li>query parameters in {@link #TRACKING} or starting with {@code utm_} are removed, the others
 *       kept in their order; an empty query goes with its {@code ?}.
 * </ul>
 *
 * Percent-encoding is not decoded: two spellings of one path stay two keys (rare in crawls, and
 * decoding would merge pages whose servers tell them apart).
 */
public final class UrlNormalizer {
  private UrlNormalizer() {}

  /**
   * Query parameters that identify a click, an ad or a mail campaign, not the page: Google Ads
   * ({@code gclid}, {@code dclid}, {@code gbraid}, {@code wbraid}), Google Analytics cross-domain
   * ({@code _ga}, {@code _gl}), Meta ({@code fbclid}), Instagram ({@code igshid}), Microsoft Ads
   * ({@code msclkid}), Twitter ({@code twclid}), TikTok ({@code ttclid}), LinkedIn
   * ({@code li_fat_id}), Yandex ({@code yclid}), Mailchimp ({@code mc_cid}, {@code mc_eid}),
   * HubSpot ({@code _hsenc}, {@code _hsmi}), Marketo ({@code mkt_tok}); and Google Analytics'
   * campaign parameters, every name starting with {@link #TRACKING_PREFIX}. Names compare in lower
   * case.
   */
  public static final Set<String> TRACKING = Set.of("gclid", "dclid", "gbraid", "wbraid", "_ga", "_gl", "fbclid",
      "igshid", "msclkid", "twclid", "ttclid", "li_fat_id", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok");
  public static final String TRACKING_PREFIX = "utm_";

  /**
   * A normalized URL.
   *
   * @param host the host as matched against domain lists: lower case, ASCII, without a leading
   *     {@code www.}, port or trailing dot
   * @param key the whole normalized URL without the scheme, {@code host[:port]/path[?query]} (a
   *     scheme other than http and https stays in front)
   */
  public record Normalized(String host, String key) {}

  /** The normalized URL, or empty when {@code url} is null, blank or has no host. */
  public static Optional<Normalized> normalize(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String s = url.strip();
    int fragment = s.indexOf('#');
    if (fragment >= 0) {
      s = s.substring(0, fragment);
    }
    String scheme = "http";
    int schemeEnd = s.indexOf("://");
    if (schemeEnd > 0 && isScheme(s, schemeEnd)) {
      scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      s = s.substring(schemeEnd + 3);
    } else if (s.startsWith("//")) {
      s = s.substring(2);
    }
    int authorityEnd = indexOfAny(s, "/?", 0);
    String authority = authorityEnd < 0 ? s : s.substring(0, authorityEnd);
    String rest = authorityEnd < 0 ? "" : s.substring(authorityEnd);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host = authority;
    String port = "";
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(']', colon) < 0) { // not inside an IPv6 literal
      host = authority.substring(0, colon);
      port = authority.substring(colon + 1);
    }
    host = host(host);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    if (port.equals(defaultPort(scheme))) {
      port = "";
    }
    int queryStart = rest.indexOf('?');
    String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
    String query = queryStart < 0 ? "" : withoutTracking(rest.substring(queryStart + 1));
    StringBuilder key = new StringBuilder(s.length() + 8);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      key.append(scheme).append("://");
    }
    key.append(host);
    if (!port.isEmpty()) {
      key.append(':').append(port);
    }
    key.append(path.isEmpty() ? "/" : path);
    if (!query.isEmpty()) {
      key.append('?').append(query);
    }
    return Optional.of(new Normalized(host, key.toString()));
  }

  /** The host in the form lists are matched in: lower case, ASCII, no trailing dot, no leading {@code www.}. */
  static String host(String raw) {
    String host = raw.toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!isAscii(host)) {
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        // Not a valid internationalized name: kept as written, so it still matches itself.
      }
    }
    if (host.startsWith("www.") && host.length() > 4) {
      host = host.substring(4);
    }
    return host;
  }

  /** The query's parameters but the tracking ones, in their order; empty parameters dropped. */
  static String withoutTracking(String query) {
    StringBuilder out = new StringBuilder(query.length());
    for (String parameter : query.split("&", -1)) {
      if (parameter.isEmpty() || isTracking(parameter)) {
        continue;
      }
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(parameter);
    }
    return out.toString();
  }

  private static boolean isTracking(String parameter) {
    int equals = parameter.indexOf('=');
    String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
    return TRACKING.contains(name) || name.startsWith(TRACKING_PREFIX);
  }

  private static String defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> "80";
      case "https" -> "443";
      case "ftp" -> "21";
      default -> "";
    };
  }

  /** RFC 3986: a letter, then letters, digits, {@code +}, {@code -} or {@code .}. */
  private static boolean isScheme(String s, int end) {
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }
}
