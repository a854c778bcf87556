package dev.pretrain.dedup.url;

import dev.pretrain.dedup.minhash.Hash64;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A blocklist in the layout of the Université Toulouse 1 Capitole blacklists (UT1, maintained by
 * Fabrice Prigent since 1997, CC BY-SA; FineWeb drops pages whose domain or URL is in its
 * {@code adult} category, through datatrove's URLFilter): a directory with one sub-directory per
 * category, each holding a {@code domains} file and/or a {@code urls} file, one entry per line
 * ({@code example.com}; {@code example.com/path/page.html}, without a scheme). Blank lines and
 * lines starting with {@code #} are skipped.
 *
 * <p>A listed domain blocks itself and every subdomain ({@code example.com} blocks
 * {@code www.example.com} and {@code a.b.example.com}, not {@code notexample.com}), as squidGuard
 * reads UT1's domain lists; a listed IP address blocks only itself. A listed URL blocks the page
 * whose normalized URL ({@link UrlNormalizer}, the same normalization applied to the entry) is
 * equal to it.
 *
 * <p>Entries are held as sorted 64-bit hashes, not strings: UT1's {@code adult/domains} alone has
 * millions of lines, ~40 MB this way against several hundred MB as a {@code HashSet<String>}. Two
 * different entries share a hash with a probability of about n^2 / 2^65 (negligible for lists of
 * millions); a URL is only ever blocked by a hash equal to that of one of its own suffixes, which
 * is the entry reported.
 */
public final class Ut1Blocklist {
  static final String DOMAINS = "domains";
  static final String URLS = "urls";
  private static final long SEED = 0x55543142_4C4F434BL; // "UT1BLOCK"

  /** One category's entries, as sorted hashes. */
  private record Category(String name, long[] domains, long[] urls) {}

  /**
   * A blocked URL.
   *
   * @param category the first configured category listing it
   * @param entry the listed domain or URL it matched, normalized
   */
  public record Match(String category, String entry) {}

  private final List<Category> categories;

  private Ut1Blocklist(List<Category> categories) {
    this.categories = List.copyOf(categories);
  }

  /** Reads the categories' lists under {@code directory}; a category may lack one of the two files. */
  public static Ut1Blocklist load(String directory, List<String> categories, Configuration hadoop) throws IOException {
    Path root = new Path(directory);
    FileSystem fs = root.getFileSystem(hadoop);
    List<Category> loaded = new ArrayList<>();
    for (String name : categories) {
      Path dir = new Path(root, name);
      long[] domains = hashes(fs, new Path(dir, DOMAINS), UrlNormalizer::host);
      long[] urls = hashes(fs, new Path(dir, URLS),
          entry -> UrlNormalizer.normalize(entry).map(UrlNormalizer.Normalized::key).orElse(""));
      loaded.add(new Category(name, domains, urls));
    }
    return new Ut1Blocklist(loaded);
  }

  /**
   * What keeps {@link #load} from working, each naming the path: a missing directory, a category
   * without a sub-directory (naming those there are) or without either list, a list that cannot be
   * opened. Checked in the driver at the job's start, so a bad path stops the job before any
   * task reads it.
   */
  public static List<String> problems(String directory, List<String> categories, Configuration hadoop) {
    List<String> problems = new ArrayList<>();
    Path root = new Path(directory);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        return List.of("the URL blocklist directory " + directory + " does not exist or is not a directory");
      }
      TreeSet<String> found = new TreeSet<>();
      for (FileStatus status : fs.listStatus(root)) {
        if (status.isDirectory()) {
          found.add(status.getPath().getName());
        }
      }
      for (String name : categories) {
        if (!found.contains(name)) {
          problems.add("the URL blocklist " + directory + " has no category " + name + " (no directory "
              + new Path(root, name) + "); its categories: " + shortList(found));
          continue;
        }
        boolean any = false;
        for (String list : List.of(DOMAINS, URLS)) {
          Path file = new Path(new Path(root, name), list);
          if (fs.exists(file)) {
            any = true;
            try {
              fs.open(file).close();
            } catch (IOException e) {
              problems.add("cannot read the URL blocklist file " + file + ": " + e.getMessage());
            }
          }
        }
        if (!any) {
          problems.add("the URL blocklist category " + new Path(root, name) + " has neither a " + DOMAINS
              + " nor a " + URLS + " file");
        }
      }
    } catch (IOException e) {
      problems.add("cannot read the URL blocklist directory " + directory + ": " + e.getMessage());
    }
    return problems;
  }

  /** The first category, in the configured order, that lists the URL's host (or a parent domain) or the URL. */
  public Optional<Match> match(UrlNormalizer.Normalized url) {
    String host = url.host();
    boolean address = isAddress(host);
    for (Category category : categories) {
      // The host itself first, then each parent domain: the most specific entry is reported.
      for (int from = 0; from >= 0; from = address ? -1 : nextLabel(host, from)) {
        String suffix = from == 0 ? host : host.substring(from);
        if (contains(category.domains, suffix)) {
          return Optional.of(new Match(category.name, suffix));
        }
      }
      if (contains(category.urls, url.key())) {
        return Optional.of(new Match(category.name, url.key()));
      }
    }
    return Optional.empty();
  }

  /** Entries loaded, over all categories (for logs and tests). */
  public long size() {
    return categories.stream().mapToLong(c -> c.domains.length + c.urls.length).sum();
  }

  /** Where the label after the next dot starts, or -1 after the last label. */
  private static int nextLabel(String host, int from) {
    int dot = host.indexOf('.', from);
    return dot < 0 || dot == host.length() - 1 ? -1 : dot + 1;
  }

  /** An IPv4 address or a bracketed IPv6 literal: its "suffixes" are not domains. */
  private static boolean isAddress(String host) {
    return host.startsWith("[") || host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }

  private static boolean contains(long[] sorted, String entry) {
    return sorted.length > 0 && Arrays.binarySearch(sorted, Hash64.chars(entry, SEED)) >= 0;
  }

  /** The sorted hashes of a list's normalized entries; none when the file does not exist. */
  private static long[] hashes(FileSystem fs, Path file, Function<String, String> normalize) throws IOException {
    if (!fs.exists(file)) {
      return new long[0];
    }
    long[] out = new long[1024];
    int n = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        String normalized = normalize.apply(entry);
        if (normalized.isEmpty()) {
          continue;
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = Hash64.chars(normalized, SEED);
      }
    }
    long[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return sorted;
  }

  private static String shortList(TreeSet<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> first = names.stream().limit(30).toList();
    return String.join(", ", first) + (names.size() > first.size() ? ", ..." : "");
  }
}
