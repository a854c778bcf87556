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
  private static final OutputLayout LAYOUT = OutputLayout.atomic("test-job", List.of("documents", "report.json"));

  /** What is in a directory, without the .crc checksum files Hadoop's local file system adds. */
  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  private static AtomicOutput begin(String out, boolean overwrite) throws IOException {
    return AtomicOutput.begin(out, LAYOUT, List.of(), overwrite, HADOOP);
  }

  @Test
  void partsBecomeVisibleOnlyAtCommitAndSuccessIsWrittenLast(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput output = begin(out, false);
    Files.createDirectories(Path.of(output.staged("documents")));
    Files.writeString(Path.of(output.staged("documents")).resolve("part-0"), "rows");
    output.writeStagedText("report.json", "{}");

    assertEquals(List.of(OutputDirectory.MARKER, "_staging-" + output.runId()), names(Path.of(out)));
    assertFalse(AtomicOutput.isComplete(out, HADOOP));

    output.commit(List.of("documents", "report.json"));
    assertEquals(List.of(OutputDirectory.MARKER, "_SUCCESS", "documents", "report.json"), names(Path.of(out)));
    assertEquals("rows", Files.readString(Path.of(out, "documents", "part-0")));
    assertTrue(AtomicOutput.isComplete(out, HADOOP));
    assertTrue(Files.readString(Path.of(out, OutputDirectory.MARKER)).contains("\"job\" : \"test-job\""));
  }

  @Test
  void aCompleteOutputIsNotOverwrittenUnlessAsked(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput first = begin(out, false);
    first.writeStagedText("report.json", "{}");
    first.commit(List.of("report.json"));

    OutputRefused e = assertThrows(OutputRefused.class, () -> begin(out, false));
    assertTrue(e.getMessage().contains("already holds a complete test-job output"), e.getMessage());

    begin(out, true);
    assertFalse(AtomicOutput.isComplete(out, HADOOP));
    assertFalse(Files.exists(Path.of(out, "report.json")), "the earlier run's part is replaced");
  }

  @Test
  void anInterruptedRunsDebrisIsClearedButNothingElse(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput failed = begin(out, false);
    failed.writeStagedText("report.json", "{}");
    Files.createDirectories(Path.of(out, "documents"));
    Files.writeString(Path.of(out, "documents", "part-0"), "moved before the crash");
    Files.writeString(Path.of(out, "notes.txt"), "a user's file");
    // The process died here: no abort, no _SUCCESS.

    AtomicOutput again = begin(out, false);
    assertEquals(List.of(OutputDirectory.MARKER, "_staging-" + again.runId(), "notes.txt"), names(Path.of(out)));
    assertEquals("a user's file", Files.readString(Path.of(out, "notes.txt")));
  }

  @Test
  void anAbortedRunLeavesNoSuccess(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    begin(out, false).commit(List.of()); // an earlier complete run
    AtomicOutput failed = begin(out, true);
    failed.writeStagedText("report.json", "{}");
    failed.abort();
    assertEquals(List.of(OutputDirectory.MARKER), names(Path.of(out)));
    assertFalse(AtomicOutput.isComplete(out, HADOOP));
  }

  @Test
  void aFailedFirstRunPutsItsDirectoryBackAsItWas(@TempDir Path tmp) throws IOException {
    Path absent = tmp.resolve("new/run");
    AtomicOutput first = begin(absent.toString(), false);
    first.writeStagedText("report.json", "{}");
    first.abort();
    assertFalse(Files.exists(absent), "a directory the run created is removed");

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    begin(empty.toString(), false).abort();
    assertEquals(List.of(), names(empty), "an empty directory stays, empty");

    Path shared = tmp.resolve("shared");
    AtomicOutput racing = begin(shared.toString(), false);
    Files.writeString(shared.resolve("notes.txt"), "written during the run by someone else");
    racing.abort();
    assertEquals(List.of(OutputDirectory.MARKER, "notes.txt"), names(shared), "nothing but staging goes");
  }

  @Test
  void committingAPartThatWasNeverWrittenFailsAndLeavesNoSuccess(@TempDir Path tmp) throws IOException {
    String out = tmp.resolve("run").toString();
    AtomicOutput output = begin(out, false);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> output.commit(List.of("documents")));
    assertTrue(e.getMessage().contains("part documents was never written"), e.getMessage());
    assertFalse(AtomicOutput.isComplete(out, HADOOP));
  }

  @Test
  void anOutputThatOverlapsAnInputIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
    Path input = Files.createDirectories(tmp.resolve("data/raw"));
    Files.writeString(input.resolve("raw.jsonl"), "{\"text\":\"x\"}\n");
    String file = input.resolve("raw.jsonl").toString();
    for (String output : List.of(input.toString(), tmp.resolve("data").toString(), file)) {
      assertThrows(OutputRefused.class, () -> AtomicOutput.begin(output, LAYOUT, List.of(file), true, HADOOP));
    }
    assertThrows(OutputRefused.class,
        () -> AtomicOutput.begin(input.resolve("out").toString(), LAYOUT, List.of(input.toString()), true, HADOOP));
    assertEquals(List.of("raw.jsonl"), names(input));
    assertEquals(List.of("raw"), names(tmp.resolve("data")));
  }
}
