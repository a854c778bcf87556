package dev.pretrain.bench.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a curate run's report.json for CurateScaling. The fixtures under
 * {@code curate-report/} are reports in curate's format (docs/formats.md), trimmed: one with the
 * shuffle and spill fields of issue 19, the same without them, and one from before
 * {@code cpu_seconds_by_phase} too.
 */
class CurateReportFiguresTest {
  @Test
  void readsCountsAndEveryPhaseFigureInTheReportsOrder() throws Exception {
    CurateReportFigures figures = CurateReportFigures.read(fixture("with-task-bytes.json"));

    assertEquals(5_395, figures.recordsIn());
    assertEquals(3_074, figures.kept());
    assertEquals(List.of("read", "clean+filter", "dedup", "write"), List.copyOf(figures.secondsByPhase().keySet()));
    assertEquals(Map.of("read", 6.25, "clean+filter", 7.5, "dedup", 4.0, "write", 2.25), figures.secondsByPhase());
    assertEquals(List.of("read", "clean+filter", "dedup", "write"), List.copyOf(figures.cpuSecondsByPhase().keySet()));
    assertEquals(Map.of("read", 4.75, "clean+filter", 9.5, "dedup", 5.0, "write", 2.75), figures.cpuSecondsByPhase());
    CurateReportFigures.TaskBytes bytes = figures.taskBytes().orElseThrow();
    assertEquals(Map.of("read", 1_575L, "clean+filter", 1_475L, "dedup", 25_000_000L, "write", 23_997_000L),
        bytes.shuffleWrittenByPhase());
    assertEquals(List.of("read", "clean+filter", "dedup", "write"), List.copyOf(bytes.spilledByPhase().keySet()));
    // Sums over the phases: 1,575 + 1,475 + 25,000,000 + 23,997,000 and 1,200 + 3,500,000.
    assertEquals(49_000_050L, bytes.shuffleWritten());
    assertEquals(3_501_200L, bytes.spilled());
  }

  @Test
  void aReportFromBeforeTheShuffleAndSpillFieldsHasNoTaskBytes() throws Exception {
    CurateReportFigures figures = CurateReportFigures.read(fixture("before-task-bytes.json"));
    assertTrue(figures.taskBytes().isEmpty());
    // Everything else is read as from the newer report.
    assertEquals(3_074, figures.kept());
    assertEquals(20.0, figures.secondsByPhase().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(4, figures.cpuSecondsByPhase().size());

    CurateReportFigures older = CurateReportFigures.read(fixture("before-cpu-seconds.json"));
    assertTrue(older.cpuSecondsByPhase().isEmpty());
    assertTrue(older.taskBytes().isEmpty());
    assertEquals(4, older.secondsByPhase().size());
  }

  @Test
  void aMissingEmptyOrGarbledFileIsAClearError(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("report.json");
    assertMessage(missing, missing + " is missing");
    assertMessage(Files.writeString(tmp.resolve("empty.json"), ""), "empty.json is empty");
    // A report cut short, as a run killed while writing would leave it.
    String whole = Files.readString(fixture("with-task-bytes.json"));
    assertMessage(Files.writeString(tmp.resolve("cut.json"), whole.substring(0, whole.indexOf("\"dedup\" : 25"))),
        "cut.json is not valid JSON");
    assertMessage(Files.writeString(tmp.resolve("list.json"), "[1, 2]"), "list.json is not a curate report");
    assertMessage(Files.writeString(tmp.resolve("other.json"), "{\"kept\": 1, \"seconds_by_phase\": {}}"),
        "other.json is not a curate report: it has no records_in");
  }

  @Test
  void refusesAFigureOfTheWrongKindNamingItsField(@TempDir Path tmp) throws Exception {
    String whole = Files.readString(fixture("with-task-bytes.json"));
    assertMessage(Files.writeString(tmp.resolve("a.json"), whole.replace("\"dedup\" : 25000000", "\"dedup\" : \"25 MB\"")),
        "shuffle_bytes_by_phase.dedup is \"25 MB\", not a byte count");
    assertMessage(Files.writeString(tmp.resolve("b.json"), whole.replace("\"kept\" : 3074", "\"kept\" : -1")),
        "kept is -1, not a count");
    assertMessage(Files.writeString(tmp.resolve("c.json"), whole.replace("\"write\" : 2.75", "\"write\" : null")),
        "cpu_seconds_by_phase.write is null, not a number");
    assertMessage(Files.writeString(tmp.resolve("d.json"),
            whole.replaceFirst("\"spilled_bytes_by_phase\" : \\{[^}]*},", "")),
        "has shuffle_bytes_by_phase but not spilled_bytes_by_phase");
  }

  private static void assertMessage(Path file, String expected) {
    IOException e = assertThrows(IOException.class, () -> CurateReportFigures.read(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(CurateReportFiguresTest.class.getResource("/curate-report/" + name).toURI());
  }
}
