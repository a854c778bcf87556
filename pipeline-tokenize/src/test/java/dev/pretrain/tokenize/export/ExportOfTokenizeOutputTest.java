package dev.pretrain.tokenize.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.shards.Corpus;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export against the tokenize job itself (not the test's own packing): every document the job
 * encoded comes out of a Megatron export once, whole, as its encoder ids plus the end-of-text id, or,
 * for the last document of a pack group whose tail the job dropped, as a prefix of them with the
 * end-of-text id added.
 */
class ExportOfTokenizeOutputTest {
  @TempDir Path tmp;

  @Test
  void everyEncodedDocumentComesOutOnceWhole() throws Exception {
    SparkSession spark = LocalSpark.start(ExportOfTokenizeOutputTest.class);
    List<String[]> docs = Corpus.documents(60);
    String shards = tmp.resolve("shards").toString();
    try {
      String input = tmp.resolve("documents").toString();
      Corpus.write(spark, docs, input);
      SettingsReader r = ConfigLayers.load(Optional.empty(), List.of("tokenize.tokenizer=\"tiktoken:r50k_base\"",
          "tokenize.seq-len=15", "tokenize.val-fraction=0.3", "tokenize.seed=11", "tokenize.rows-per-shard=5",
          "tokenize.rows-per-row-group=5", "tokenize.pack-partitions=3"), TokenizeSettings.SCHEMA).reader();
      TokenizeSettings settings = TokenizeSettings.read(r);
      r.finish();
      TokenizeJob.run(spark, settings, input, shards);
    } finally {
      spark.stop();
    }
    ExportTokensReport report = ExportTokensJob.run(new ExportTokensJob.Request(shards, ExportFormat.MEGATRON,
        tmp.resolve("out").toString(), List.of(), ExportFormat.MEGATRON.defaultMaxFileBytes(), false,
        Files.createDirectories(tmp.resolve("temp"))), new Configuration(), line -> {});

    Tokenizer tokenizer = Tokenizers.load("tiktoken:r50k_base");
    int eot = tokenizer.specialTokens().get("<|endoftext|>");
    Map<String, int[]> encoded = new HashMap<>();
    for (String[] d : docs) {
      int[] ids = tokenizer.encodeOrdinary(d[1]);
      int[] withEot = Arrays.copyOf(ids, ids.length + 1);
      withEot[ids.length] = eot;
      encoded.put(d[0], withEot);
    }
    List<int[]> exported = new ArrayList<>();
    for (String split : List.of("train", "val")) {
      FormatReaders.Megatron pair = FormatReaders.megatron(tmp.resolve("out/" + split + "_000000"));
      assertEquals(8, pair.dtypeCode(), "r50k_base's 50,257 ids are below 65,500: uint16");
      exported.addAll(pair.sequences());
    }
    Map<String, Integer> seen = new HashMap<>();
    long cut = 0;
    for (int[] doc : exported) {
      String match = null;
      for (Map.Entry<String, int[]> e : encoded.entrySet()) {
        if (Arrays.equals(e.getValue(), doc)) {
          match = e.getKey();
        }
      }
      if (match == null) { // a document cut at its group's end: a prefix of one, plus the end-of-text id
        assertEquals(eot, doc[doc.length - 1]);
        int[] prefix = Arrays.copyOf(doc, doc.length - 1);
        for (Map.Entry<String, int[]> e : encoded.entrySet()) {
          if (prefix.length < e.getValue().length && Arrays.equals(prefix, Arrays.copyOf(e.getValue(), prefix.length))) {
            match = e.getKey();
          }
        }
        cut++;
      }
      assertTrue(match != null, "an exported document that no input document is: " + Arrays.toString(doc));
      seen.merge(match, 1, Integer::sum);
    }
    seen.forEach((id, n) -> assertEquals(1, n, id + " exported " + n + " times"));
    assertTrue(cut <= 6, "at most one cut document per pack group and split: " + cut);
    assertEquals(cut, report.splits().values().stream().mapToLong(ExportTokensReport.SplitExport::eotAppended).sum());
    assertTrue(seen.size() >= docs.size() - 6, "documents lost beyond the dropped remainders: " + seen.size());
  }
}
