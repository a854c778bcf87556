package dev.pretrain.common.output;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputOverlapTest {
  private static final Configuration HADOOP = new Configuration();

  @TempDir Path tmp;

  private OutputRefused refused(String input, String output) {
    return assertThrows(OutputRefused.class, () -> InputOverlap.refuse(List.of(input), output, HADOOP));
  }

  @Test
  void refusesTheInputItselfItsParentAndAnythingInsideIt() throws IOException {
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    Path file = Files.writeString(raw.resolve("raw.jsonl"), "{}\n");

    OutputRefused same = refused(raw.toString(), raw.toString());
    assertTrue(same.getMessage().contains("is the input " + raw + " itself"), same.getMessage());
    OutputRefused parent = refused(file.toString(), raw.toString());
    assertTrue(parent.getMessage().contains("output " + raw + " contains the input " + file), parent.getMessage());
    OutputRefused inside = refused(raw.toString(), raw.resolve("curated").toString());
    assertTrue(inside.getMessage().contains("lies inside the input " + raw), inside.getMessage());
    refused(file.toString(), tmp.toString());
  }

  @Test
  void comparesPathsAsWrittenDifferentlyAndThroughSymbolicLinks() throws IOException {
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), raw);
    refused(raw.toString(), raw + "/./");
    refused(raw.toString(), tmp.resolve("data/x/../raw").toString());
    refused(raw.toString(), "file://" + raw);
    refused(link.toString(), raw.resolve("out").toString());
    refused(raw.toString(), link.resolve("out").toString());
  }

  @Test
  void aGlobIsTheDirectoryBeforeItsFirstWildcard() throws IOException {
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    refused(raw + "/*.jsonl.gz", raw.resolve("curated").toString());
    refused(raw + "/2026-*/part-?.jsonl", tmp.resolve("data").toString());
    assertEquals(raw.toString(), InputOverlap.globRoot(raw + "/*.jsonl"));
    assertEquals("s3a://bucket/crawl", InputOverlap.globRoot("s3a://bucket/crawl/CC-MAIN-*/*.warc.gz"));
    assertEquals(".", InputOverlap.globRoot("*.jsonl"));
  }

  @Test
  void siblingsAndOtherFileSystemsAreFine() throws IOException {
    Path raw = Files.createDirectories(tmp.resolve("data/raw"));
    assertDoesNotThrow(() -> InputOverlap.refuse(List.of(raw.toString()), tmp.resolve("data/curated").toString(), HADOOP));
    // A prefix of the name is not a parent.
    assertDoesNotThrow(() -> InputOverlap.refuse(List.of(raw.toString()), tmp.resolve("data/raw2").toString(), HADOOP));
    assertDoesNotThrow(() -> InputOverlap.refuse(List.of(raw.toString()), tmp.resolve("data/ra").toString(), HADOOP));
  }
}
