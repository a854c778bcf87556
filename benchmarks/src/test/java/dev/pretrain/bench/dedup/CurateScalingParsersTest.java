package dev.pretrain.bench.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers and tables behind CurateScaling: GNU time's output file, a Spark event log, the master, the tables. */
class CurateScalingParsersTest {
  @Test
  void readsWallUserSystemAndPeakRssFromTheLastLineOfATimeFile(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("run.time"), "12.34 20.50 1.25 3145728\n");
    assertEquals(new GnuTime(12.34, 20.50, 1.25, 3_145_728), GnuTime.read(file));
    assertEquals(21.75, GnuTime.read(file).cpuSeconds(), 1e-9);

    // A failed child: GNU time writes its exit status above the figures.
    Path failed = Files.writeString(tmp.resolve("failed.time"), "Command exited with non-zero status 1\n0.50 0.40 0.05 51200\n");
    assertEquals(new GnuTime(0.50, 0.40, 0.05, 51_200), GnuTime.read(failed));
  }

  @Test
  void refusesATimeFileWithoutTheFourFigures(@TempDir Path tmp) throws IOException {
    Path empty = Files.writeString(tmp.resolve("empty.time"), "\n");
    assertTrue(assertThrows(IOException.class, () -> GnuTime.read(empty)).getMessage().contains("empty"));
    Path three = Files.writeString(tmp.resolve("three.time"), "1.0 2.0 3.0\n");
    assertTrue(assertThrows(IOException.class, () -> GnuTime.read(three)).getMessage().contains("'1.0 2.0 3.0'"));
  }

  @Test
  void sumsShuffleWrittenAndDiskSpilledOverTaskEndEventsOnly(@TempDir Path tmp) throws IOException {
    List<String> events = List.of(
        "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.5\"}",
        "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"Spark Properties\":{\"spark.master\":\"local[3]\","
            + "\"spark.app.name\":\"curate\"}}",
        taskEnd(0, 1_000, 0),
        // Another event that mentions the same metric names: not a task's, so not counted.
        "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Task Metrics\":{\"Disk Bytes Spilled\":99,"
            + "\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":99}}}}",
        taskEnd(1, 2_500, 700));
    Path log = Files.write(tmp.resolve("local-1796600000000"), events, StandardCharsets.UTF_8);

    assertEquals(new EventLogTotals(2, 3_500, 700, "local[3]"), EventLogTotals.read(log));
  }

  @Test
  void picksTheNewestFinishedLogThatWasNotThereBefore(@TempDir Path tmp) throws IOException {
    Path old = Files.writeString(tmp.resolve("local-1"), "");
    Path before = Files.writeString(tmp.resolve("local-2"), "");
    Path finished = Files.writeString(tmp.resolve("local-3"), "");
    Files.writeString(tmp.resolve("local-4.inprogress"), "");
    Files.writeString(tmp.resolve("app-5"), "");
    old.toFile().setLastModified(1_000_000);
    before.toFile().setLastModified(3_000_000);
    finished.toFile().setLastModified(2_000_000);

    assertEquals(finished, EventLogTotals.newest(tmp, Set.of(before)));
    IOException none = assertThrows(IOException.class, () -> EventLogTotals.newest(tmp, Set.of(old, before, finished)));
    assertTrue(none.getMessage().contains(tmp.toString()), none.getMessage());
  }

  @Test
  void countsTheCoresOfALocalMaster() {
    assertEquals(2, EventLogTotals.localCores("local[2]", 8));
    assertEquals(4, EventLogTotals.localCores("local[4,3]", 8));
    assertEquals(8, EventLogTotals.localCores("local[*]", 8));
    assertEquals(1, EventLogTotals.localCores("local", 8));
    assertEquals(0, EventLogTotals.localCores("yarn", 8));
    assertEquals(0, EventLogTotals.localCores(null, 8));
  }

  @Test
  void tabulatesOneRowPerRunOfTotals() {
    CurateScaling.Run run = run("c", 100.0, new GnuTime(25.0, 45.0, 5.0, 2_000_000), Map.of("read", 10.0), Map.of());
    List<String> table = CurateScaling.table(List.of(run));
    assertEquals(3, table.size(), String.join("\n", table));
    assertTrue(table.get(0).endsWith("| shuffle written (MB) | spilled (MB) |"), table.get(0));
    assertEquals(table.get(0).chars().filter(c -> c == '|').count(), table.get(1).chars().filter(c -> c == '|').count());
    // 100 MB: 50 CPU s (10% sys) -> 2 MB per CPU s; 100 / 25 s / 2 cores = 2 MB/s per core; 2,000,000 KiB = 2.05 GB;
    // 30,000,000 B shuffled, 1,500,000 spilled.
    assertEquals("| 100.0 | 50,000 | 40,000 | 25.0 | 50.0 | 10.0 | 2.00 | 2.000 | 2 | 2.05 | 30.0 | 1.5 |", table.get(2));
  }

  @Test
  void tabulatesEachPhaseInTheReportsOrderWithTheirSum() {
    Map<String, Double> first = new LinkedHashMap<>();
    first.put("read", 4.0);
    first.put("dedup", 2.5);
    Map<String, Double> second = new LinkedHashMap<>();
    second.put("read", 8.0);
    second.put("clean+filter", 20.0);
    second.put("dedup", 5.0);
    List<CurateScaling.Run> runs = List.of(
        run("a", 50.0, new GnuTime(1, 1, 0, 1), first, Map.of()),
        run("b", 200.0, new GnuTime(1, 1, 0, 1), second, second));

    List<String> cpu = CurateScaling.phaseTable(runs, CurateReportFigures::cpuSecondsByPhase);
    assertEquals(List.of("| input (MB of JSONL) | read | dedup | clean+filter | sum of phases |",
        "|---:|---:|---:|---:|---:|",
        "| 50.0 | 4.0 | 2.5 | - | 6.5 |",
        "| 200.0 | 8.0 | 5.0 | 20.0 | 33.0 |"), cpu);
    // The wall seconds: the first run has none; the columns follow the second run.
    List<String> wall = CurateScaling.phaseTable(runs, CurateReportFigures::secondsByPhase);
    assertEquals(List.of("| input (MB of JSONL) | read | clean+filter | dedup | sum of phases |",
        "|---:|---:|---:|---:|---:|",
        "| 50.0 | - | - | - | - |",
        "| 200.0 | 8.0 | 20.0 | 5.0 | 33.0 |"), wall);
  }

  @Test
  void takesTheMasterOfTheLastLocalMasterSetting() {
    assertEquals(CurateScaling.DEFAULT_MASTER, CurateScaling.master(List.of()));
    assertEquals(CurateScaling.DEFAULT_MASTER, CurateScaling.master(List.of("dedup.enabled=false")));
    assertEquals("local[3]", CurateScaling.master(List.of("spark.local-master=local[1]", "spark.local-master = \"local[3]\"")));
    assertEquals(3, EventLogTotals.localCores(CurateScaling.master(List.of("spark.local-master=\"local[3]\"")), 8));
  }

  @Test
  void namesTheEventLogOptionWhenTheReportLacksTheShuffleFields() {
    String message = CurateScaling.missingTaskBytes(Path.of("/tmp/out/c/report.json"));
    assertTrue(message.startsWith("/tmp/out/c/report.json has no shuffle_bytes_by_phase and spilled_bytes_by_phase"),
        message);
    assertTrue(message.contains("--event-log"), message);
  }

  /** A run whose report has these phase figures, 50,000 documents in, 40,000 kept, 30 MB shuffled, 1.5 MB spilled. */
  private static CurateScaling.Run run(String name, double inputMb, GnuTime time, Map<String, Double> cpuByPhase,
      Map<String, Double> secondsByPhase) {
    CurateReportFigures report = new CurateReportFigures(50_000, 40_000, secondsByPhase, cpuByPhase, Optional.empty());
    return new CurateScaling.Run(name, inputMb, time, report, 30_000_000, 1_500_000, "report.json, local[2]", 2);
  }

  private static String taskEnd(int task, long shuffleWritten, long spilled) {
    return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":" + task + "},"
        + "\"Task Metrics\":{\"Executor CPU Time\":1,\"Memory Bytes Spilled\":5,\"Disk Bytes Spilled\":" + spilled + ","
        + "\"Shuffle Read Metrics\":{\"Local Bytes Read\":7},"
        + "\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":" + shuffleWritten + ",\"Shuffle Records Written\":3}}}";
  }
}
