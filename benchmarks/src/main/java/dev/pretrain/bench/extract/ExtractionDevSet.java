package dev.pretrain.bench.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;

/**
 * The extraction dev set (trafilatura's evaluation corpus, repackaged): {@code evaldata.json} maps
 * each URL to its gzipped page under {@code pages/} and its {@code with}/{@code without} snippets.
 * Pages are decoded here, outside any timing, with jsoup's own detection (a BOM, then
 * {@code <meta charset>}, else UTF-8) until the pipeline has its own charset decoder.
 */
public final class ExtractionDevSet {
  /** One annotated page, decoded; {@code bytes} is the size of the page as served (ungzipped). */
  public record Page(String url, String file, String html, long bytes, List<String> with, List<String> without) {}

  private ExtractionDevSet() {}

  /** The pages of a dev set directory, in the order of {@code evaldata.json}. */
  public static List<Page> read(Path dir) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("evaldata.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String file = e.getValue().get("file").asText();
      byte[] raw;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("pages").resolve(file)))) {
        raw = in.readAllBytes();
      }
      pages.add(new Page(e.getKey(), file, decode(raw, e.getKey()), raw.length,
          strings(e.getValue().get("with")), strings(e.getValue().get("without"))));
    }
    return pages;
  }

  /** The page's text in the charset jsoup detects for it. */
  static String decode(byte[] raw, String url) throws IOException {
    Charset charset = Jsoup.parse(new ByteArrayInputStream(raw), null, url).charset();
    return new String(raw, charset);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
