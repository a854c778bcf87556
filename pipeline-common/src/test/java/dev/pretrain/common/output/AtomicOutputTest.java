package dev.pretrain.common.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  private static final Configuration HADOOP = new Configuration();

  /** What is in a directory, without the .crc checksum files Hadoop's local file system adds. */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void partsBecomeVisibleOnlyAtCommitAndSuccessIsWrittenLast(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput output = AtomicOutput.begin(out, false, HADOOP);
    Files.createDirectories(Path.of(output.staged("documents")));
    Files.writeString(Path.of(output.staged("documents")).resolve("part-0"), "rows");
    output.writeStagedText("report.json", "{}");

    assertEquals(List.of("_staging-" + output.runId()), names(Path.of(out)));
    assertFalse(AtomicOutput.isComplete(out, HADOOP));

    output.commit(List.of("documents", "report.json"));
    assertEquals(List.of("_SUCCESS", "documents", "report.json"), names(Path.of(out)));
    assertEquals("rows", Files.readString(Path.of(out, "documents", "part-0")));
    assertTrue(AtomicOutput.isComplete(out, HADOOP));
  }

  @Test
  void aCompleteOutputIsNotOverwrittenUnlessAsked(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput first = AtomicOutput.begin(out, false, HADOOP);
    first.writeStagedText("report.json", "{}");
    first.commit(List.of("report.json"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomicOutput.begin(out, false, HADOOP));
    assertTrue(e.getMessage().contains("already holds a complete run"), e.getMessage());

    AtomicOutput.begin(out, true, HADOOP);
    assertFalse(AtomicOutput.isComplete(out, HADOOP));
  }

  @Test
  void debrisOfAFailedRunIsClearedAndAnAbortedRunLeavesNoSuccess(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput failed = AtomicOutput.begin(out, false, HADOOP);
    failed.writeStagedText("report.json", "{}");
    failed.abort();
    assertEquals(List.of(), names(Path.of(out)));
    assertFalse(AtomicOutput.isComplete(out, HADOOP));

    Files.writeString(Path.of(out, "half-written"), "junk");
    AtomicOutput.begin(out, false, HADOOP);
    assertFalse(names(Path.of(out)).contains("half-written"));
  }

  @Test
  void committingAPartThatWasNeverWrittenFailsAndLeavesNoSuccess(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput output = AtomicOutput.begin(out, false, HADOOP);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> output.commit(List.of("documents")));
    assertTrue(e.getMessage().contains("part documents was never written"), e.getMessage());
    assertFalse(AtomicOutput.isComplete(out, HADOOP));
  }
}
