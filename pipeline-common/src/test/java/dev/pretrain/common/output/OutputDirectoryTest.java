package dev.pretrain.common.output;

import static dev.pretrain.common.output.AtomicOutputTest.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  private static final OutputLayout ATOMIC = OutputLayout.atomic("curate", List.of("documents", "report.json"));
  private static final OutputLayout RUN = OutputLayout.growing("train", List.of("metrics.jsonl", "checkpoints"),
      List.of("step-\\d+"), "checkpoints");
  private static FileSystem fs;

  @TempDir Path tmp;

  @BeforeAll
  static void localFileSystem() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void aForeignNonEmptyDirectoryIsRefusedWithOrWithoutOverwrite() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(dir.resolve("raw.jsonl"), "my data");
    Files.createDirectories(dir.resolve("documents"));
    for (boolean replace : new boolean[] {false, true}) {
      OutputRefused e = assertThrows(OutputRefused.class, () -> OutputDirectory.prepare(fs, hadoop(dir), ATOMIC, replace));
      assertTrue(e.getMessage().contains("is not an output of the pipeline's curate job (it holds documents, raw.jsonl)"),
          e.getMessage());
    }
    assertThrows(OutputRefused.class, () -> OutputDirectory.adopt(fs, hadoop(dir), RUN));
    assertEquals(List.of("documents", "raw.jsonl"), names(dir));
    assertEquals("my data", Files.readString(dir.resolve("raw.jsonl")));
  }

  @Test
  void emptyAndMissingDirectoriesAreClaimedWithTheMarker() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve(".DS_Store"), "hidden files do not count");
    OutputDirectory.prepare(fs, hadoop(empty), ATOMIC, false);
    OutputDirectory.adopt(fs, hadoop(tmp.resolve("new/run")), RUN);
    assertEquals(List.of(".DS_Store", OutputDirectory.MARKER), names(empty));
    assertEquals(List.of(OutputDirectory.MARKER), names(tmp.resolve("new/run")));
    assertTrue(OutputDirectory.isOwned(fs, hadoop(tmp.resolve("new/run")), RUN));
  }

  @Test
  void anotherJobsOutputIsNeverReplaced() throws IOException {
    Path dir = tmp.resolve("curated");
    OutputDirectory.prepare(fs, hadoop(dir), ATOMIC, false);
    OutputLayout tokenize = OutputLayout.atomic("tokenize", List.of("train", "val"));
    OutputRefused e = assertThrows(OutputRefused.class, () -> OutputDirectory.prepare(fs, hadoop(dir), tokenize, true));
    assertTrue(e.getMessage().contains("holds the output of the pipeline's curate job, not of tokenize"), e.getMessage());
  }

  @Test
  void anOutputWrittenBeforeMarkersIsRecognisedByItsEntries() throws IOException {
    Path old = Files.createDirectories(tmp.resolve("old"));
    Files.createDirectories(old.resolve("documents"));
    Files.writeString(old.resolve("report.json"), "{}");
    Files.writeString(old.resolve("_SUCCESS"), "{\"run_id\":\"x\"}");
    assertThrows(OutputRefused.class, () -> OutputDirectory.prepare(fs, hadoop(old), ATOMIC, false));
    OutputDirectory.prepare(fs, hadoop(old), ATOMIC, true);
    assertEquals(List.of(OutputDirectory.MARKER), names(old));

    // The same entries without the signature (_SUCCESS or a staging directory) prove nothing.
    Path unsigned = Files.createDirectories(tmp.resolve("unsigned"));
    Files.writeString(unsigned.resolve("report.json"), "mine");
    assertThrows(OutputRefused.class, () -> OutputDirectory.prepare(fs, hadoop(unsigned), ATOMIC, true));
    assertEquals("mine", Files.readString(unsigned.resolve("report.json")));

    Path debris = Files.createDirectories(tmp.resolve("debris/_staging-1234"));
    OutputDirectory.prepare(fs, hadoop(debris.getParent()), ATOMIC, false);
    assertEquals(List.of(OutputDirectory.MARKER), names(debris.getParent()));
  }

  @Test
  void aGrowingDirectoryIsAdoptedAsItIsAndRemovedOnlyToItsOwnParts() throws IOException {
    Path run = tmp.resolve("run");
    assertFalse(OutputDirectory.adopt(fs, hadoop(run), RUN));
    Files.writeString(run.resolve("metrics.jsonl"), "{}\n");
    Files.createDirectories(run.resolve("checkpoints"));
    Files.writeString(run.resolve("step-12"), "x");
    Files.writeString(run.resolve("notes.txt"), "mine");
    assertTrue(OutputDirectory.adopt(fs, hadoop(run), RUN));
    assertEquals(List.of(OutputDirectory.MARKER, "checkpoints", "metrics.jsonl", "notes.txt", "step-12"), names(run));

    OutputDirectory.remove(fs, hadoop(run), RUN);
    assertEquals(List.of("notes.txt"), names(run));
    Files.delete(run.resolve("notes.txt"));
    OutputDirectory.adopt(fs, hadoop(run), RUN);
    OutputDirectory.remove(fs, hadoop(run), RUN);
    assertFalse(Files.exists(run), "an emptied directory of its own is removed");
  }

  @Test
  void aFileIsNotAnOutputDirectory() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "data");
    assertThrows(OutputRefused.class, () -> OutputDirectory.prepare(fs, hadoop(file), ATOMIC, true));
    assertEquals("data", Files.readString(file));
  }
}
