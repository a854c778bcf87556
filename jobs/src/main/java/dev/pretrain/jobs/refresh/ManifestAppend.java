package dev.pretrain.jobs.refresh;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The manifest of a refreshed corpus: the previous version's shards, listed in place by absolute
 * location (nothing is copied), followed by the shards of the new documents, whose {@code seq_idx}
 * continue where the previous version's rows end.
 */
final class ManifestAppend {
  private ManifestAppend() {}

  /**
   * @param previousDir the directory the previous manifest's relative shard paths are relative to
   * @param added the new documents' manifest, written with {@code seq_idx} offset by the previous rows
   */
  static Manifest append(Manifest previous, String previousDir, Manifest added) {
    if (!previous.tokenizer().sha256().equals(added.tokenizer().sha256())) {
      throw new IllegalStateException("the new shards were encoded with tokenizer " + added.tokenizer().sha256()
          + " but the corpus uses " + previous.tokenizer().sha256() + "; a corpus keeps one tokenizer");
    }
    if (previous.seqLen() != added.seqLen()) {
      throw new IllegalArgumentException("tokenize.seq-len is " + added.seqLen() + " but the corpus was tokenized with "
          + previous.seqLen() + "; a corpus keeps one sequence length (set tokenize.seq-len = " + previous.seqLen() + ")");
    }
    Map<String, Manifest.Split> splits = new TreeMap<>();
    TreeSet<String> names = new TreeSet<>(previous.splits().keySet());
    names.addAll(added.splits().keySet());
    for (String name : names) {
      splits.put(name, appendSplit(name, previous.splits().get(name), previousDir, added.splits().get(name)));
    }
    Manifest.Totals a = previous.totals();
    Manifest.Totals b = added.totals();
    Manifest.Totals totals = new Manifest.Totals(a.documents() + b.documents(), a.tokens() + b.tokens(),
        a.rows() + b.rows(), a.droppedTokens() + b.droppedTokens(), a.rejectedDocuments() + b.rejectedDocuments());
    String fingerprint = Sha256.hex((previous.inputFingerprint() + "\n" + added.inputFingerprint())
        .getBytes(StandardCharsets.UTF_8));
    // The new version's tokenizer (the same by SHA-256): its file entry points at the copy beside this manifest.
    return new Manifest(Manifest.FORMAT, Manifest.VERSION, added.tokenizer(), previous.seqLen(),
        previous.shuffleSeed(), fingerprint, totals, splits);
  }

  /** Rows per split of a manifest: where the next version's {@code seq_idx} start. */
  static Map<String, Long> rowsBySplit(Manifest manifest) {
    Map<String, Long> rows = new TreeMap<>();
    manifest.splits().forEach((name, split) -> rows.put(name, split.rows()));
    return rows;
  }

  private static Manifest.Split appendSplit(String name, Manifest.Split old, String oldDir, Manifest.Split added) {
    List<Manifest.Shard> shards = new ArrayList<>();
    long documents = 0;
    long rows = 0;
    if (old != null) {
      for (Manifest.Shard s : old.shards()) {
        shards.add(new Manifest.Shard(ManifestFile.resolve(oldDir, s.path()), s.rows(), s.firstSeqIdx(), s.sha256()));
      }
      documents += old.documents();
      rows += old.rows();
    }
    if (added != null) {
      for (Manifest.Shard s : added.shards()) {
        if (s.firstSeqIdx() < rows) {
          throw new IllegalStateException(name + " shard " + s.path() + " starts at seq_idx " + s.firstSeqIdx()
              + ", inside the previous version's " + rows + " rows");
        }
        shards.add(s);
      }
      documents += added.documents();
      rows += added.rows();
    }
    return new Manifest.Split(documents, rows, shards);
  }
}
