package dev.pretrain.bench.dedup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code planted-pairs.tsv}: two documents of a planted family with their exact
 * 5-gram Jaccard as the curate job sees them (after its default clean chain) and on raw text.
 */
record PlantedPair(String a, String b, String kind, double rateA, double rateB, double jaccard, double jaccardRaw) {

  static List<PlantedPair> read(Path corpus) throws IOException {
    Path file = corpus.resolve(CorpusGenerator.PAIRS_FILE);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(CorpusGenerator.PAIRS_HEADER)) {
      throw new IOException(file + ": expected the header line '" + CorpusGenerator.PAIRS_HEADER + "'");
    }
    List<PlantedPair> out = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      if (f.length != 7) {
        throw new IOException(file + " line " + (i + 1) + ": expected 7 tab-separated fields, got " + f.length);
      }
      out.add(new PlantedPair(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), Double.parseDouble(f[6])));
    }
    return out;
  }
}
