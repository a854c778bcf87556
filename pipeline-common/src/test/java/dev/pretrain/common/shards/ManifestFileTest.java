package dev.pretrain.common.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestFileTest {
  private static final String SHA = "a".repeat(64);

  static Manifest sample() {
    return new Manifest(Manifest.FORMAT, Manifest.VERSION,
        new Manifest.Tokenizer("tokenizer.json", SHA, 8192, Map.of("<|endoftext|>", 0), 0, null),
        256, 1234L, "b".repeat(64),
        new Manifest.Totals(10, 7000, 25, 120, 1),
        Map.of(
            "train", new Manifest.Split(9, 23, List.of(
                new Manifest.Shard("train/shard-00000.parquet", 20, 0, SHA),
                new Manifest.Shard("train/shard-00001.parquet", 3, 20, SHA))),
            "val", new Manifest.Split(1, 2, List.of(new Manifest.Shard("val/shard-00000.parquet", 2, 0, SHA)))));
  }

  @Test
  void roundTripsAndSerializesCanonically() {
    byte[] json = ManifestFile.toJson(sample());
    assertEquals(sample(), ManifestFile.parse(json, "manifest.json"));
    assertArrayEquals(json, ManifestFile.toJson(ManifestFile.parse(json, "manifest.json")));
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"format_version\" : 1"), text);
    assertTrue(text.contains("\"first_seq_idx\" : 20"), text);
    assertTrue(text.indexOf("\"train\"") < text.indexOf("\"val\""), "splits in key order");
  }

  @Test
  void rowCountsThatDoNotAddUpAreNamedByPath() {
    String json = new String(ManifestFile.toJson(sample()), StandardCharsets.UTF_8)
        .replace("\"rows\" : 23", "\"rows\" : 24");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ManifestFile.parse(json.getBytes(StandardCharsets.UTF_8), "s3a://b/ds/manifest.json"));
    assertEquals("s3a://b/ds/manifest.json is not a valid manifest: splits.train.rows is 24 but its shards hold 23",
        e.getMessage());
    String totals = new String(ManifestFile.toJson(sample()), StandardCharsets.UTF_8).replace("\"rows\" : 25", "\"rows\" : 26");
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> ManifestFile.parse(totals.getBytes(StandardCharsets.UTF_8), "m.json"));
    assertEquals("m.json is not a valid manifest: totals.rows is 26 but the splits hold 25 rows", t.getMessage());
  }

  private static Manifest withSources(List<Manifest.Source> sources) {
    Manifest m = sample();
    return new Manifest(m.format(), m.formatVersion(), m.tokenizer(), m.seqLen(), m.shuffleSeed(),
        m.inputFingerprint(), m.totals(), m.splits(), sources);
  }

  @Test
  void aMixRecordsItsSourcesAndTheyMustAccountForEveryTokenAndDocument() {
    // totals: 10 documents of which 1 rejected, 7000 tokens.
    Manifest mixed = withSources(List.of(
        new Manifest.Source("web", "/data/web", 0.7, 6, 5000, 0.5, 12, 10000),
        new Manifest.Source("code", "s3a://b/code", 0.3, 3, 2000, 2.0, 2, 1000)));
    byte[] json = ManifestFile.toJson(mixed);
    assertEquals(mixed, ManifestFile.parse(json, "manifest.json"));
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"input_tokens\" : 1000"), text);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManifestFile.toJson(withSources(
        List.of(new Manifest.Source("web", "/data/web", 1, 9, 6999, 1, 9, 6999)))));
    assertEquals("refusing to write an invalid manifest: sources hold 6999 tokens but totals.tokens is 7000",
        e.getMessage());
  }

  @Test
  void aManifestWithoutSourcesIsReadAndWrittenWithoutTheField() {
    byte[] json = ManifestFile.toJson(sample());
    assertTrue(!new String(json, StandardCharsets.UTF_8).contains("sources"));
    assertEquals(null, ManifestFile.parse(json, "manifest.json").sources());
  }

  @Test
  void unknownVersionsAndBrokenJsonAreRefusedClearly() {
    String json = new String(ManifestFile.toJson(sample()), StandardCharsets.UTF_8)
        .replace("\"format_version\" : 1", "\"format_version\" : 2");
    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> ManifestFile.parse(json.getBytes(StandardCharsets.UTF_8), "m.json"));
    assertTrue(version.getMessage().contains("format_version 2 is not supported (this build reads 1)"), version.getMessage());

    IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
        () -> ManifestFile.parse("{\"format\": ".getBytes(StandardCharsets.UTF_8), "m.json"));
    assertTrue(broken.getMessage().startsWith("m.json is not a readable manifest: "), broken.getMessage());
  }

  @Test
  void anEndOfTextIdOutsideTheVocabularyIsInvalid() {
    Manifest m = sample();
    Manifest bad = new Manifest(m.format(), m.formatVersion(),
        new Manifest.Tokenizer("x", SHA, 100, Map.of(), 100, null), m.seqLen(), m.shuffleSeed(), m.inputFingerprint(),
        m.totals(), m.splits());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManifestFile.toJson(bad));
    assertTrue(e.getMessage().contains("tokenizer.eot_id 100 is outside [0, vocab_size 100)"), e.getMessage());
  }

  @Test
  void relativeShardPathsResolveAgainstTheManifestDirectoryAndAbsoluteOnesStay() {
    assertEquals("s3a://b/v2/train/s.parquet", ManifestFile.resolve("s3a://b/v2", "train/s.parquet"));
    assertEquals("/data/v2/../v1/train/s.parquet", ManifestFile.resolve("/data/v2/", "../v1/train/s.parquet"));
    assertEquals("s3a://b/v1/train/s.parquet", ManifestFile.resolve("s3a://b/v2", "s3a://b/v1/train/s.parquet"));
  }

  @Test
  void tokenCodecIsLittleEndianInt32AndRejectsTornValues() {
    int[] ids = {0, 1, 256, 50256, 100_000, Integer.MAX_VALUE};
    byte[] bytes = TokenCodec.encode(ids, 0, ids.length);
    assertEquals(24, bytes.length);
    assertArrayEquals(new byte[] {0x00, 0x01, 0x00, 0x00}, java.util.Arrays.copyOfRange(bytes, 8, 12)); // 256
    assertArrayEquals(ids, TokenCodec.decode(bytes));
    assertThrows(IllegalArgumentException.class, () -> TokenCodec.decode(new byte[] {1, 2, 3}));
  }
}
