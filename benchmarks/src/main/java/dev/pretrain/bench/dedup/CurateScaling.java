package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How the curate job's cost grows with its input, measured as a user runs it: {@code jobs/bin/pipeline
 * curate} in its own process (the launcher's default heap and collector unless {@code --java-opts}
 * sets PIPELINE_JAVA_OPTS), once per corpus written by {@link CorpusGenerator}, under
 * {@code /usr/bin/time}. Per corpus: wall, user and system seconds and peak RSS of the process (GNU
 * time), documents in and kept and the CPU seconds of each phase (the run's report.json), and the
 * bytes its tasks wrote to the shuffle and spilled to disk (the Spark event log the run writes under
 * OUT/events). Then a Markdown table: MB are 10^6 bytes of the JSONL files on disk, MB/s per core
 * divides by the cores of {@code local[N]} (the event log's spark.master; {@code --cores} overrides).
 *
 * <pre>benchmarks/bin/bench CurateScaling --corpus /tmp/c19/corpus-0.2gb --corpus /tmp/c19/corpus-0.8gb
 *     [--out /tmp/curatescaling] [--home .] [--set key=value]... [--java-opts "-Xmx3g"] [--cores N]</pre>
 *
 * <p>Each run writes OUT/NAME (NAME the corpus directory's name, replaced with the pipeline's own
 * {@code --overwrite}, which refuses directories the pipeline did not write), its console output
 * to OUT/logs/NAME.log, GNU time's figures to a new OUT/logs/NAME-*.time and its event log under
 * OUT/events/NAME. The launcher is run once untimed
 * first, so a build it needs is not measured; timed runs get PIPELINE_NO_BUILD=1. The machine may
 * be shared, so the load average is printed before and after each run.
 */
public final class CurateScaling {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One corpus's figures. */
  record Run(String name, double inputMb, long recordsIn, long kept, GnuTime time, EventLogTotals events, int cores,
      Map<String, Double> cpuByPhase) {}

  private CurateScaling() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<Path> corpora = new ArrayList<>();
    Path out = Path.of("/tmp/curatescaling");
    Path home = Path.of("");
    List<String> sets = new ArrayList<>();
    String javaOpts = null;
    int cores = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--corpus" -> corpora.add(Path.of(value(args, ++i)));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--home" -> home = Path.of(value(args, ++i));
        case "--set" -> sets.add(value(args, ++i));
        case "--java-opts" -> javaOpts = value(args, ++i);
        case "--cores" -> cores = Integer.parseInt(value(args, ++i));
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (corpora.isEmpty()) {
      usage("at least one --corpus DIR is required");
    }
    Set<String> names = new HashSet<>();
    for (Path corpus : corpora) {
      if (!Files.isDirectory(corpus.resolve(CorpusGenerator.DOCS_DIR))) {
        usage(corpus.resolve(CorpusGenerator.DOCS_DIR) + " is not a directory (a corpus of CorpusGenerator holds docs/)");
      }
      if (!names.add(corpus.toAbsolutePath().normalize().getFileName().toString())) {
        usage("two corpora are named " + corpus.getFileName() + ": their outputs would share OUT/" + corpus.getFileName());
      }
    }
    home = home.toAbsolutePath().normalize();
    Path pipeline = home.resolve("jobs/bin/pipeline");
    if (!Files.isExecutable(pipeline)) {
      usage(pipeline + " is missing: run from the repository's root or give --home");
    }
    if (!Files.isExecutable(TIME)) {
      usage(TIME + " is missing: install GNU time (Debian, Ubuntu: apt-get install time)");
    }
    out = out.toAbsolutePath().normalize();
    Files.createDirectories(out.resolve("logs"));
    prepareLauncher(home, pipeline, out.resolve("logs/launcher.log"), javaOpts);

    List<Run> runs = new ArrayList<>();
    for (Path corpus : corpora) {
      Run run = measure(home, pipeline, corpus.toAbsolutePath().normalize(), out, sets, javaOpts, cores);
      System.out.println(line(run));
      runs.add(run);
    }
    System.out.println();
    table(runs).forEach(System.out::println);
  }

  /** One timed curate run of {@code corpus} by the launcher, and its figures. */
  private static Run measure(Path home, Path pipeline, Path corpus, Path out, List<String> sets, String javaOpts,
      int coresOption) throws IOException, InterruptedException {
    String name = corpus.getFileName().toString();
    Path docs = corpus.resolve(CorpusGenerator.DOCS_DIR);
    Path output = out.resolve(name);
    Path events = Files.createDirectories(out.resolve("events").resolve(name));
    Path log = out.resolve("logs").resolve(name + ".log");
    // A new empty file each run: figures left by an earlier run can never be read as this one's, and
    // nothing under OUT that the bench did not create is removed.
    Path timeFile = Files.createTempFile(out.resolve("logs"), name + "-", ".time");
    Set<Path> logsBefore = listing(events);

    List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", GnuTime.FORMAT, "-o", timeFile.toString(),
        pipeline.toString(), "curate", "--input", docs.toString(), "--output", output.toString(), "--overwrite",
        "--set", "spark.conf.spark.eventLog.enabled=true",
        // Quoted (a JSON string is a HOCON string): an unquoted path could hold "//", a comment.
        "--set", "spark.conf.spark.eventLog.dir=" + JSON.writeValueAsString(events.toString())));
    sets.forEach(s -> command.addAll(List.of("--set", s)));
    System.out.printf("%s: running the launcher; log %s%n", name, log);
    System.out.println("  load average (1, 5, 15 min) before: " + loadAverage());
    int exit = start(command, home, log, javaOpts, true).waitFor();
    System.out.println("  load average (1, 5, 15 min) after:  " + loadAverage());
    if (exit != 0) {
      fail("the pipeline exited with " + exit + " on " + docs, log);
    }

    GnuTime time = GnuTime.read(timeFile);
    EventLogTotals totals = EventLogTotals.read(EventLogTotals.newest(events, logsBefore));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    int machine = Runtime.getRuntime().availableProcessors();
    int cores = coresOption > 0 ? coresOption : EventLogTotals.localCores(totals.master(), machine);
    Map<String, Double> cpu = new LinkedHashMap<>();
    report.path("cpu_seconds_by_phase").fields().forEachRemaining(e -> cpu.put(e.getKey(), e.getValue().asDouble()));
    return new Run(name, fileBytes(docs) / 1e6, report.path("records_in").asLong(), report.path("kept").asLong(),
        time, totals, cores > 0 ? cores : machine, cpu);
  }

  /** Runs the launcher once untimed ({@code --help}), so a build it does on first use is not timed. */
  private static void prepareLauncher(Path home, Path pipeline, Path log, String javaOpts)
      throws IOException, InterruptedException {
    int exit = start(List.of(pipeline.toString(), "--help"), home, log, javaOpts, false).waitFor();
    if (exit != 0) {
      fail(pipeline + " --help exited with " + exit, log);
    }
  }

  private static Process start(List<String> command, Path home, Path log, String javaOpts, boolean noBuild)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    if (javaOpts != null) {
      builder.environment().put("PIPELINE_JAVA_OPTS", javaOpts);
    }
    if (noBuild) {
      builder.environment().put("PIPELINE_NO_BUILD", "1");
    }
    return builder.start();
  }

  static String line(Run r) {
    return String.format(Locale.ROOT, "  %s: %.1f MB, %,d documents in, %,d kept; wall %.1f s, CPU %.1f s (sys %.0f%%),"
            + " peak RSS %.2f GB; shuffle written %.1f MB, spilled %.1f MB (%,d tasks, %s)",
        r.name(), r.inputMb(), r.recordsIn(), r.kept(), r.time().wallSeconds(), r.time().cpuSeconds(),
        sysShare(r.time()), rssGb(r.time()), r.events().shuffleBytesWritten() / 1e6, r.events().diskBytesSpilled() / 1e6,
        r.events().taskEnds(), r.events().master());
  }

  /** The Markdown table of every run; phase columns in the report's order, of the first run that has each. */
  static List<String> table(List<Run> runs) {
    Set<String> phases = new LinkedHashSet<>();
    runs.forEach(r -> phases.addAll(r.cpuByPhase().keySet()));
    StringBuilder header = new StringBuilder("| input (MB of JSONL) | documents in | kept | wall s | CPU s (user+sys)"
        + " | sys % of CPU | MB per CPU s | MB/s per core | cores | peak RSS (GB, 10^9 B) | shuffle written (MB)"
        + " | spilled (MB) |");
    StringBuilder rule = new StringBuilder("|" + "---:|".repeat(12));
    for (String phase : phases) {
      header.append(' ').append(phase).append(" CPU s |");
      rule.append("---:|");
    }
    List<String> lines = new ArrayList<>(List.of(header.toString(), rule.toString()));
    for (Run r : runs) {
      GnuTime t = r.time();
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "| %.1f | %,d | %,d | %.1f | %.1f | %.1f | %.2f | %.3f | %d | %.2f | %.1f | %.1f |",
          r.inputMb(), r.recordsIn(), r.kept(), t.wallSeconds(), t.cpuSeconds(), sysShare(t),
          r.inputMb() / t.cpuSeconds(), r.inputMb() / t.wallSeconds() / r.cores(), r.cores(), rssGb(t),
          r.events().shuffleBytesWritten() / 1e6, r.events().diskBytesSpilled() / 1e6));
      for (String phase : phases) {
        Double cpu = r.cpuByPhase().get(phase);
        row.append(cpu == null ? " - |" : String.format(Locale.ROOT, " %.1f |", cpu));
      }
      lines.add(row.toString());
    }
    return lines;
  }

  private static double sysShare(GnuTime t) {
    return t.cpuSeconds() > 0 ? 100 * t.systemSeconds() / t.cpuSeconds() : 0;
  }

  private static double rssGb(GnuTime t) {
    return t.peakRssKib() * 1024 / 1e9;
  }

  /** Bytes of the regular files under {@code dir}, through symbolic links. */
  private static long fileBytes(Path dir) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      for (Iterator<Path> it = files.filter(Files::isRegularFile).iterator(); it.hasNext(); ) {
        total += Files.size(it.next());
      }
    }
    return total;
  }

  private static Set<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new HashSet<>(files.toList());
    }
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static void fail(String message, Path log) throws IOException {
    System.err.println("curate scaling: " + message + "; the last lines of " + log + ":");
    // Leniently decoded: a log's last lines are wanted whatever bytes a crash left in it.
    List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
    lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.err::println);
    System.exit(1);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println("curate scaling: " + problem);
    System.err.println("usage: CurateScaling --corpus DIR [--corpus DIR]... [--out /tmp/curatescaling] [--home .]"
        + " [--set key=value]... [--java-opts \"...\"] [--cores N]");
    System.exit(2);
  }
}
