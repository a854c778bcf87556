package dev.pretrain.bench.read;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import dev.pretrain.common.read.charset.ContentTypeCharset;
import dev.pretrain.common.read.charset.DecodedPage;
import dev.pretrain.common.read.charset.PageDecoder;
import dev.pretrain.common.read.charset.WebCharset;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Compares the two maintained Java charset detectors the page decoder could use, ICU4J's
 * {@code CharsetDetector} and juniversalchardet's {@code UniversalDetector} (Mozilla's detector),
 * on what decides the choice: accuracy and speed on web pages.
 *
 * <ul>
 *   <li>Fixture: the page decoder tests' texts (pipeline-common test resources) wrapped in the same
 *       small HTML page with no declaration, encoded with the JDK in the tests' ten charsets, whole
 *       and cut to the first paragraph; a variant counts as right when the detector's answer, mapped
 *       the WHATWG way ({@link WebCharset#forLabel}), decodes it to exactly the original text.
 *   <li>Real pages: the extraction dev set's pages with a non-ASCII byte and a BOM or a
 *       {@code <meta>} declaration of UTF-8 or a legacy charset; agreement when the detector's
 *       answer decodes the page to the same text as the declared charset does (the declarations
 *       themselves are sometimes wrong, so this is agreement, not accuracy).
 *   <li>The page decoder on the real pages, as served, with the meta declaration removed and under a
 *       wrong HTTP header: what decided each, and where its text differs from the declared decoding.
 *   <li>Speed: both sets, each page cut to {@link PageDecoder#DETECTION_PREFIX_BYTES} as the decoder
 *       cuts it, MB (10^6 bytes fed) per second of the thread's CPU time, median of the runs after a
 *       warm-up run; and the page decoder itself over whole pages.
 * </ul>
 *
 * <pre>benchmarks/bin/bench CharsetDetectionBench [--runs 5] [--fixture DIR] [--pages DIR]</pre>
 */
public final class CharsetDetectionBench {
  private CharsetDetectionBench() {}

  /** A page and what it should decode to (fixture) or what it declares (real pages). */
  private record Page(String name, byte[] bytes, WebCharset truth, String expectedText) {}

  /** The fixture's charsets: JDK encoder name and the text it carries (as in PageDecoderFixture). */
  private static final String[][] FIXTURE = {
      {"windows-1251", "ru"}, {"KOI8-R", "ru"}, {"Shift_JIS", "ja"}, {"EUC-JP", "ja"},
      {"GB18030", "zh-hans"}, {"Big5", "zh-hant"}, {"EUC-KR", "ko"}, {"ISO-8859-2", "pl"},
      {"windows-1252", "fr"}, {"UTF-16LE", "fr"}};

  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+-]+)", Pattern.CASE_INSENSITIVE);

  public static void main(String[] args) throws IOException {
    int runs = 5;
    Path fixture = Path.of("pipeline-common/src/test/resources/dev/pretrain/common/read/charset");
    Path pages = Path.of("/work/shared/extraction-dev/pages");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--fixture" -> fixture = Path.of(args[++i]);
        case "--pages" -> pages = Path.of(args[++i]);
        default -> {
          System.err.println("usage: CharsetDetectionBench [--runs 5] [--fixture DIR] [--pages DIR]");
          System.exit(2);
        }
      }
    }
    List<Page> variants = fixtureVariants(fixture);
    List<Page> real = declaredPages(pages);
    System.out.printf(Locale.ROOT, "java %s; load average %.2f; %d fixture variants (no declaration), %d real"
            + " pages with a non-ASCII byte and a BOM or meta declaration (%s)%n",
        System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        variants.size(), real.size(), pages);

    Map<String, Function<byte[], String>> detectors = new TreeMap<>();
    detectors.put("icu4j " + versionOf(CharsetDetector.class), CharsetDetectionBench::icu);
    detectors.put("juniversalchardet " + versionOf(UniversalDetector.class), CharsetDetectionBench::mozilla);

    for (Map.Entry<String, Function<byte[], String>> d : detectors.entrySet()) {
      System.out.println();
      System.out.println(d.getKey());
      accuracy(d.getValue(), variants, real);
      speed(d.getValue(), variants, real, runs);
    }
    System.out.println();
    decoderOnRealPages(real);
    decoderSpeed(variants, real, runs);
  }

  private static String icu(byte[] prefix) {
    CharsetDetector detector = new CharsetDetector();
    detector.enableInputFilter(true); // skip markup, as the page decoder does
    detector.setText(prefix);
    CharsetMatch match = detector.detect();
    return match == null ? null : match.getName();
  }

  private static String mozilla(byte[] prefix) {
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(prefix, 0, prefix.length);
    detector.dataEnd();
    return detector.getDetectedCharset();
  }

  private static void accuracy(Function<byte[], String> detector, List<Page> variants, List<Page> real) {
    int right = 0;
    List<String> wrong = new ArrayList<>();
    for (Page p : variants) {
      String answer = detector.apply(prefix(p.bytes()));
      String text = decodeAs(answer, p.bytes());
      if (p.expectedText().equals(text)) {
        right++;
      } else {
        wrong.add(p.name() + "→" + answer);
      }
    }
    System.out.printf(Locale.ROOT, "  fixture, no declaration: %d/%d decoded exactly (%.1f%%)%s%n", right,
        variants.size(), 100.0 * right / variants.size(), wrong.isEmpty() ? "" : "; wrong: " + wrong);
    int agree = 0;
    Map<String, Integer> disagreements = new TreeMap<>();
    for (Page p : real) {
      String answer = detector.apply(prefix(p.bytes()));
      String expected = decodeAs(p.truth().name(), p.bytes());
      String text = decodeAs(answer, p.bytes());
      if (text != null && text.equals(expected)) {
        agree++;
      } else {
        disagreements.merge(p.truth().name() + "→" + answer, 1, Integer::sum);
      }
    }
    System.out.printf(Locale.ROOT, "  real pages: agrees with the declaration on %d/%d (%.1f%%); disagreements"
        + " (declared→detected: pages) %s%n", agree, real.size(), 100.0 * agree / real.size(), disagreements);
  }

  private static void speed(Function<byte[], String> detector, List<Page> variants, List<Page> real, int runs) {
    List<byte[]> prefixes = Stream.concat(variants.stream(), real.stream()).map(p -> prefix(p.bytes())).toList();
    long bytes = prefixes.stream().mapToLong(b -> b.length).sum();
    double[] mbPerSecond = new double[runs];
    for (int run = -1; run < runs; run++) {
      long t0 = cpuNanos();
      int found = 0;
      for (byte[] b : prefixes) {
        found += detector.apply(b) == null ? 0 : 1;
      }
      double seconds = (cpuNanos() - t0) / 1e9;
      if (run >= 0) {
        mbPerSecond[run] = bytes / 1e6 / seconds;
      }
      if (found < 0) {
        System.out.println(found); // keeps the loop's results alive
      }
    }
    System.out.printf(Locale.ROOT, "  speed: %.1f MB/s median of %d runs (min %.1f, max %.1f) over %.2f MB of"
            + " page prefixes (%d pages)%n", median(mbPerSecond), runs, Arrays.stream(mbPerSecond).min().orElse(0),
        Arrays.stream(mbPerSecond).max().orElse(0), bytes / 1e6, prefixes.size());
  }

  /**
   * What the page decoder makes of the real pages, against their own declarations: as served
   * (no HTTP header), with the meta declaration blanked out, and under a wrong HTTP header (a
   * server's latin-1 default, or UTF-8) where that header is wrong for the page.
   */
  private static void decoderOnRealPages(List<Page> real) {
    PageDecoder decoder = new PageDecoder();
    String latin1 = "text/html; charset=ISO-8859-1";
    String utf8 = "text/html; charset=utf-8";
    String[][] conditions = {{"as served", null}, {"meta removed", null}, {"HTTP says ISO-8859-1", latin1},
        {"HTTP says UTF-8", utf8}, {"meta removed, HTTP says ISO-8859-1", latin1},
        {"meta removed, HTTP says UTF-8", utf8}};
    for (String[] condition : conditions) {
      Map<String, Integer> decisions = new TreeMap<>();
      Map<String, Integer> differ = new TreeMap<>();
      int agree = 0;
      int pages = 0;
      for (Page p : real) {
        String header = condition[1];
        if (header != null && WebCharset.forLabel(ContentTypeCharset.label(header).orElseThrow()).orElseThrow()
            .equals(p.truth())) {
          continue; // the header would be right for this page
        }
        byte[] bytes = condition[0].startsWith("meta removed") ? withoutMetaCharset(p.bytes()) : p.bytes();
        DecodedPage page = decoder.decode(bytes, 0, bytes.length, header);
        pages++;
        decisions.merge(page.decidedBy().toString(), 1, Integer::sum);
        if (page.text().equals(decodeAs(p.truth().name(), bytes))) {
          agree++;
        } else {
          differ.merge(p.truth().name() + "→" + page.charset(), 1, Integer::sum);
        }
      }
      System.out.printf(Locale.ROOT, "PageDecoder on the real pages, %s: text equals the declared decoding on"
          + " %d/%d (%.1f%%); decided by %s; where not (declared→decoded) %s%n", condition[0], agree, pages,
          100.0 * agree / pages, decisions, differ);
    }
  }

  /** The page with every {@code charset} in its first 4 KiB spelled {@code charsex}: no declaration left. */
  private static byte[] withoutMetaCharset(byte[] bytes) {
    byte[] copy = bytes.clone();
    byte[] word = "charset".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + word.length <= Math.min(copy.length, 4096); i++) {
      boolean match = true;
      for (int k = 0; k < word.length && match; k++) {
        match = (copy[i + k] | 0x20) == word[k];
      }
      if (match) {
        copy[i + word.length - 1] = 'x';
      }
    }
    return copy;
  }

  private static void decoderSpeed(List<Page> variants, List<Page> real, int runs) {
    List<byte[]> pages = Stream.concat(variants.stream(), real.stream()).map(Page::bytes).toList();
    long bytes = pages.stream().mapToLong(b -> b.length).sum();
    PageDecoder decoder = new PageDecoder();
    double[] mbPerSecond = new double[runs];
    for (int run = -1; run < runs; run++) {
      long t0 = cpuNanos();
      long chars = 0;
      for (byte[] b : pages) {
        chars += decoder.decode(b, 0, b.length, null).text().length();
      }
      double seconds = (cpuNanos() - t0) / 1e9;
      if (run >= 0) {
        mbPerSecond[run] = bytes / 1e6 / seconds;
      }
      if (chars < 0) {
        System.out.println(chars);
      }
    }
    System.out.printf(Locale.ROOT, "PageDecoder (no HTTP header), whole pages: %.1f MB/s median of %d runs over"
        + " %.2f MB (%d pages)%n", median(mbPerSecond), runs, bytes / 1e6, pages.size());
  }

  /** The fixture's pages with no declaration: whole texts and their first paragraphs. */
  private static List<Page> fixtureVariants(Path dir) throws IOException {
    List<Page> pages = new ArrayList<>();
    for (String[] f : FIXTURE) {
      String text = Files.readString(dir.resolve(f[1] + ".txt"), StandardCharsets.UTF_8).strip();
      String firstParagraph = text.split("\n\n", 2)[0];
      Charset charset = Charset.forName(f[0]);
      for (String t : List.of(text, firstParagraph)) {
        String html = "<!DOCTYPE html>\n<html><head><title>" + f[1] + "</title></head>\n<body><p>" + t
            + "</p></body></html>\n";
        byte[] body = html.getBytes(charset);
        if (charset.name().equals("UTF-16LE")) {
          byte[] withBom = new byte[body.length + 2];
          withBom[0] = (byte) 0xFF;
          withBom[1] = (byte) 0xFE;
          System.arraycopy(body, 0, withBom, 2, body.length);
          body = withBom;
        }
        String name = f[0] + (t == text ? "" : "/short");
        pages.add(new Page(name, body, WebCharset.forLabel(f[0]).orElseThrow(), html));
      }
    }
    return pages;
  }

  /** Real pages with a non-ASCII byte in the detection prefix that declare UTF-8 or a legacy charset by a BOM or a meta tag. */
  private static List<Page> declaredPages(Path dir) throws IOException {
    List<Page> pages = new ArrayList<>();
    int asciiPrefix = 0;
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".html.gz")).sorted().toList();
    }
    for (Path file : files) {
      byte[] bytes;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        bytes = in.readAllBytes();
      }
      if (!hasNonAscii(prefix(bytes))) {
        asciiPrefix += hasNonAscii(bytes) ? 1 : 0;
        continue; // nothing for a detector to see in what it is given
      }
      Optional<WebCharset> declared = declared(bytes);
      if (declared.isPresent() && !declared.get().name().startsWith("UTF-16")) {
        pages.add(new Page(file.getFileName().toString(), bytes, declared.get(), null));
      }
    }
    System.out.printf("real pages left out: %d whose non-ASCII bytes all lie beyond the first %d bytes%n",
        asciiPrefix, PageDecoder.DETECTION_PREFIX_BYTES);
    return pages;
  }

  /** The BOM's charset, else the first meta charset (a plain regex, independent of the decoder's prescan). */
  private static Optional<WebCharset> declared(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return WebCharset.forLabel("utf-8");
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    return m.find() ? WebCharset.forLabel(m.group(1)) : Optional.empty();
  }

  /** The text under a detector's answer mapped the WHATWG way, with replacement; null if unknown. */
  private static String decodeAs(String label, byte[] bytes) {
    Optional<WebCharset> charset = WebCharset.forLabel(label);
    if (charset.isEmpty()) {
      return null;
    }
    int skip = 0;
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
        || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
      skip = 2;
    } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB) {
      skip = 3;
    }
    try {
      return charset.get().decoder().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] prefix(byte[] bytes) {
    return bytes.length <= PageDecoder.DETECTION_PREFIX_BYTES ? bytes
        : Arrays.copyOf(bytes, PageDecoder.DETECTION_PREFIX_BYTES);
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static String versionOf(Class<?> type) {
    String v = type.getPackage().getImplementationVersion();
    return v == null ? "(version not in manifest)" : v;
  }

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
