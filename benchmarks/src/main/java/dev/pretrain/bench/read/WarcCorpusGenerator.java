package dev.pretrain.bench.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes a WARC corpus for the curate bench from the extraction development pages (real pages in
 * many languages and charsets, as served): the pages repeated until {@code --mb} MB of HTML, each
 * copy at its own URL (the page's path on {@code copyN.} of its host), as a request and a response
 * record (HTTP 200, {@code text/html} without a charset: the page's own declaration or detection
 * decides), one gzip member per record as Common Crawl writes them, in files of about
 * {@code --file-mb} MB of HTML.
 *
 * <p>Output: {@code OUT/docs/part-NNNNN.warc.gz}, which {@code CurateBench --corpus OUT --no-quality}
 * curates.
 *
 * <pre>benchmarks/bin/bench WarcCorpusGenerator --dev ../shared/extraction-dev --out /tmp/warcbench/corpus-500mb
 *     [--mb 500] [--file-mb 64]</pre>
 */
public final class WarcCorpusGenerator {
  private static final Instant DATE = Instant.parse("2026-12-01T00:00:00Z");

  private WarcCorpusGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dev = null;
    Path out = null;
    double mb = 500;
    double fileMb = 64;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dev" -> dev = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--mb" -> mb = Double.parseDouble(args[++i]);
        case "--file-mb" -> fileMb = Double.parseDouble(args[++i]);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (dev == null || out == null || mb <= 0 || fileMb <= 0) {
      usage("--dev and --out are required; --mb and --file-mb must be positive");
    }
    List<Page> pages = pages(dev);
    Path docs = out.resolve("docs");
    Files.createDirectories(docs);
    long target = (long) (mb * 1e6);
    long perFile = (long) (fileMb * 1e6);
    long written = 0;
    long records = 0;
    int file = 0;
    int copy = 0;
    while (written < target) {
      Path part = docs.resolve(String.format(Locale.ROOT, "part-%05d.warc.gz", file++));
      long inFile = 0;
      try (WarcWriter writer = new WarcWriter(Files.newByteChannel(part,
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), WarcCompression.GZIP)) {
        while (inFile < perFile && written < target) {
          Page page = pages.get((int) (records % pages.size()));
          if (records % pages.size() == 0) {
            copy++;
          }
          URI url = copyUrl(page.url(), copy);
          writer.write(new WarcRequest.Builder(url).date(DATE).recordId(uuid("request", records))
              .body(MediaType.HTTP_REQUEST, ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1)).build());
          byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.html().length + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
          byte[] block = new byte[head.length + page.html().length];
          System.arraycopy(head, 0, block, 0, head.length);
          System.arraycopy(page.html(), 0, block, head.length, page.html().length);
          writer.write(new WarcResponse.Builder(url).date(DATE).recordId(uuid("response", records))
              .body(MediaType.HTTP_RESPONSE, block).build());
          inFile += page.html().length;
          written += page.html().length;
          records++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "wrote %,d pages (%d copies of %d development pages), %.1f MB of HTML, in %d files under %s%n",
        records, copy, pages.size(), written / 1e6, file, docs);
  }

  private record Page(String url, byte[] html) {}

  private static List<Page> pages(Path dev) throws IOException {
    JsonNode index = new ObjectMapper().readTree(dev.resolve("evaldata.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dev.resolve("pages").resolve(e.getValue().get("file").asText())))) {
        pages.add(new Page(e.getKey(), in.readAllBytes()));
      }
    }
    return pages;
  }

  /** The page's URL on host {@code copyN.<host>}; a URL that does not parse gets a made-up host. */
  static URI copyUrl(String url, int copy) {
    try {
      URI u = new URI(url);
      String host = u.getHost() == null ? "unknown.example" : u.getHost();
      return new URI("https", null, "copy" + copy + "." + host, -1, u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath(),
          u.getQuery(), null);
    } catch (java.net.URISyntaxException e) {
      return URI.create("https://copy" + copy + ".unparsed.example/" + Integer.toHexString(url.hashCode()));
    }
  }

  /**
   * A record id from the record's number: unique in the corpus, as a crawler's are, even where two
   * development URLs map to one copy URL (http and https of a page); those are URL duplicates.
   */
  private static URI uuid(String kind, long record) {
    return URI.create("urn:uuid:" + UUID.nameUUIDFromBytes((kind + " " + record).getBytes(StandardCharsets.UTF_8)));
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: WarcCorpusGenerator --dev DIR --out DIR [--mb 500] [--file-mb 64]");
    System.exit(2);
  }
}
