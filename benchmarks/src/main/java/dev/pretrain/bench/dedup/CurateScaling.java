package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How the curate job's cost grows with its input, measured as a user runs it: {@code jobs/bin/pipeline
 * curate} in its own process (the launcher's default heap and collector unless {@code --java-opts}
 * sets PIPELINE_JAVA_OPTS), once per corpus written by {@link CorpusGenerator}, under
 * {@code /usr/bin/time}. Per corpus: wall, user and system seconds and peak RSS of the process (GNU
 * time); from the run's report.json ({@link CurateReportFigures}), documents in and kept, the wall
 * and CPU seconds of each phase and the bytes its tasks wrote to the shuffle and spilled to disk,
 * summed over the phases. Then Markdown tables: the totals, and the CPU and the wall seconds of each
 * phase. MB are 10^6 bytes of the JSONL files on disk; MB/s per core divides by the cores of
 * {@code local[N]} ({@code --cores} overrides): the master of the last {@code --set
 * spark.local-master=...}, else the launcher's {@code local[*]}, the machine's cores.
 *
 * <p>With {@code --event-log}, for code older than the report's shuffle and spill fields (issue 19),
 * the run writes a Spark event log under OUT/events/NAME and the shuffle and spill bytes and the
 * master are read from it ({@link EventLogTotals}) instead. It is off by default because writing it
 * costs CPU inside the measured run (20 to 40 MB of JSON per run). Without it, a report.json that
 * lacks the fields stops the bench with a message naming the option.
 *
 * <pre>benchmarks/bin/bench CurateScaling --corpus /tmp/c19/corpus-0.2gb --corpus /tmp/c19/corpus-0.8gb
 *     [--out /tmp/curatescaling] [--home .] [--set key=value]... [--java-opts "-Xmx3g"] [--cores N]
 *     [--event-log]</pre>
 *
 * <p>Each run writes OUT/NAME (NAME the corpus directory's name, replaced with the pipeline's own
 * {@code --overwrite}, which refuses directories the pipeline did not write), its console output
 * to OUT/logs/NAME.log, GNU time's figures to a new OUT/logs/NAME-*.time and, with
 * {@code --event-log}, its event log under OUT/events/NAME. Nothing under OUT is deleted by the
 * bench. The launcher is run once untimed
 * first, so a build it needs is not measured; timed runs get PIPELINE_NO_BUILD=1. The machine may
 * be shared, so the load average is printed before and after each run.
 */
public final class CurateScaling {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The launcher's master when no {@code --set spark.local-master} is given (pipeline-common's reference.conf). */
  static final String DEFAULT_MASTER = "local[*]";

  /**
   * One corpus's figures.
   *
   * @param report what the run's report.json holds
   * @param shuffleBytesWritten bytes the run's tasks wrote to the shuffle (report.json or the event log)
   * @param spilledBytes bytes the run's tasks spilled to disk (the same source)
   * @param bytesSource where the two came from, for the console
   * @param cores the cores of the run's local master
   */
  record Run(String name, double inputMb, GnuTime time, CurateReportFigures report, long shuffleBytesWritten,
      long spilledBytes, String bytesSource, int cores) {}

  private CurateScaling() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<Path> corpora = new ArrayList<>();
    Path out = Path.of("/tmp/curatescaling");
    Path home = Path.of("");
    List<String> sets = new ArrayList<>();
    String javaOpts = null;
    int cores = 0;
    boolean eventLog = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--corpus" -> corpora.add(Path.of(value(args, ++i)));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--home" -> home = Path.of(value(args, ++i));
        case "--set" -> sets.add(value(args, ++i));
        case "--java-opts" -> javaOpts = value(args, ++i);
        case "--cores" -> cores = Integer.parseInt(value(args, ++i));
        case "--event-log" -> eventLog = true;
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
      Run run = measure(home, pipeline, corpus.toAbsolutePath().normalize(), out, sets, javaOpts, cores, eventLog);
      System.out.println(line(run));
      runs.add(run);
    }
    System.out.println();
    table(runs).forEach(System.out::println);
    System.out.println();
    System.out.println("CPU seconds of each phase (report.json's cpu_seconds_by_phase: the phase's tasks and the driver"
        + " thread), and their sum:");
    System.out.println();
    phaseTable(runs, CurateReportFigures::cpuSecondsByPhase).forEach(System.out::println);
    System.out.println();
    System.out.println("Wall seconds of each phase (seconds_by_phase), and their sum:");
    System.out.println();
    phaseTable(runs, CurateReportFigures::secondsByPhase).forEach(System.out::println);
  }

  /** One timed curate run of {@code corpus} by the launcher, and its figures. */
  private static Run measure(Path home, Path pipeline, Path corpus, Path out, List<String> sets, String javaOpts,
      int coresOption, boolean eventLog) throws IOException, InterruptedException {
    String name = corpus.getFileName().toString();
    Path docs = corpus.resolve(CorpusGenerator.DOCS_DIR);
    Path output = out.resolve(name);
    Path log = out.resolve("logs").resolve(name + ".log");
    // A new empty file each run: figures left by an earlier run can never be read as this one's, and
    // nothing under OUT that the bench did not create is removed.
    Path timeFile = Files.createTempFile(out.resolve("logs"), name + "-", ".time");
    Path events = eventLog ? Files.createDirectories(out.resolve("events").resolve(name)) : null;
    Set<Path> logsBefore = eventLog ? listing(events) : Set.of();

    List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", GnuTime.FORMAT, "-o", timeFile.toString(),
        pipeline.toString(), "curate", "--input", docs.toString(), "--output", output.toString(), "--overwrite"));
    if (eventLog) {
      command.addAll(List.of("--set", "spark.conf.spark.eventLog.enabled=true",
          // Quoted (a JSON string is a HOCON string): an unquoted path could hold "//", a comment.
          "--set", "spark.conf.spark.eventLog.dir=" + JSON.writeValueAsString(events.toString())));
    }
    sets.forEach(s -> command.addAll(List.of("--set", s)));
    System.out.printf("%s: running the launcher; log %s%n", name, log);
    System.out.println("  load average (1, 5, 15 min) before: " + loadAverage());
    int exit = start(command, home, log, javaOpts, true).waitFor();
    System.out.println("  load average (1, 5, 15 min) after:  " + loadAverage());
    if (exit != 0) {
      fail("the pipeline exited with " + exit + " on " + docs, log);
    }

    GnuTime time = GnuTime.read(timeFile);
    Path reportFile = output.resolve("report.json");
    CurateReportFigures report;
    try {
      report = CurateReportFigures.read(reportFile);
    } catch (IOException e) {
      fail(e.getMessage(), log);
      throw e; // not reached: fail exits
    }
    double inputMb = fileBytes(docs) / 1e6;
    int machine = Runtime.getRuntime().availableProcessors();
    if (eventLog) {
      EventLogTotals totals = EventLogTotals.read(EventLogTotals.newest(events, logsBefore));
      int cores = coresOption > 0 ? coresOption : EventLogTotals.localCores(totals.master(), machine);
      return new Run(name, inputMb, time, report, totals.shuffleBytesWritten(), totals.diskBytesSpilled(),
          String.format(Locale.ROOT, "event log: %,d tasks, %s", totals.taskEnds(), totals.master()),
          cores > 0 ? cores : machine);
    }
    if (report.taskBytes().isEmpty()) {
      System.err.println("curate scaling: " + missingTaskBytes(reportFile));
      System.exit(1);
    }
    CurateReportFigures.TaskBytes bytes = report.taskBytes().get();
    String master = master(sets);
    int cores = coresOption > 0 ? coresOption : EventLogTotals.localCores(master, machine);
    return new Run(name, inputMb, time, report, bytes.shuffleWritten(), bytes.spilled(), "report.json, " + master,
        cores > 0 ? cores : machine);
  }

  /** Why a run without {@code --event-log} cannot go on when its report predates the shuffle and spill fields. */
  static String missingTaskBytes(Path reportFile) {
    return reportFile + " has no " + CurateReportFigures.SHUFFLE_FIELD + " and " + CurateReportFigures.SPILLED_FIELD
        + ": the curate code measured predates them (issue 19). Rerun with --event-log to read the shuffle and"
        + " spill bytes from a Spark event log instead (it costs CPU inside the measured run).";
  }

  /**
   * The local master the launcher runs with: the value of the last {@code spark.local-master=} of
   * {@code sets} (later {@code --set}s win), unquoted, else {@link #DEFAULT_MASTER}.
   */
  static String master(List<String> sets) {
    String master = DEFAULT_MASTER;
    for (String set : sets) {
      int equals = set.indexOf('=');
      if (equals > 0 && set.substring(0, equals).trim().equals("spark.local-master")) {
        master = set.substring(equals + 1).trim().replaceAll("^\"(.*)\"$", "$1");
      }
    }
    return master;
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
            + " peak RSS %.2f GB; shuffle written %.1f MB, spilled %.1f MB (%s)",
        r.name(), r.inputMb(), r.report().recordsIn(), r.report().kept(), r.time().wallSeconds(), r.time().cpuSeconds(),
        sysShare(r.time()), rssGb(r.time()), r.shuffleBytesWritten() / 1e6, r.spilledBytes() / 1e6, r.bytesSource());
  }

  /** The Markdown table of every run's totals. */
  static List<String> table(List<Run> runs) {
    List<String> lines = new ArrayList<>(List.of("| input (MB of JSONL) | documents in | kept | wall s | CPU s (user+sys)"
        + " | sys % of CPU | MB per CPU s | MB/s per core | cores | peak RSS (GB, 10^9 B) | shuffle written (MB)"
        + " | spilled (MB) |", "|" + "---:|".repeat(12)));
    for (Run r : runs) {
      GnuTime t = r.time();
      lines.add(String.format(Locale.ROOT,
          "| %.1f | %,d | %,d | %.1f | %.1f | %.1f | %.2f | %.3f | %d | %.2f | %.1f | %.1f |",
          r.inputMb(), r.report().recordsIn(), r.report().kept(), t.wallSeconds(), t.cpuSeconds(), sysShare(t),
          r.inputMb() / t.cpuSeconds(), r.inputMb() / t.wallSeconds() / r.cores(), r.cores(), rssGb(t),
          r.shuffleBytesWritten() / 1e6, r.spilledBytes() / 1e6));
    }
    return lines;
  }

  /**
   * A Markdown table of one figure per phase: a row per run, a column per phase (in the report's
   * order, of the first run that has each; "-" where a run has not), then the sum of the run's phases
   * ("-" for a run whose report has none).
   */
  static List<String> phaseTable(List<Run> runs, Function<CurateReportFigures, Map<String, Double>> figure) {
    Set<String> phases = new LinkedHashSet<>();
    runs.forEach(r -> phases.addAll(figure.apply(r.report()).keySet()));
    StringBuilder header = new StringBuilder("| input (MB of JSONL) |");
    phases.forEach(phase -> header.append(' ').append(phase).append(" |"));
    header.append(" sum of phases |");
    List<String> lines = new ArrayList<>(List.of(header.toString(), "|" + "---:|".repeat(phases.size() + 2)));
    for (Run r : runs) {
      Map<String, Double> byPhase = figure.apply(r.report());
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.1f |", r.inputMb()));
      for (String phase : phases) {
        Double value = byPhase.get(phase);
        row.append(value == null ? " - |" : String.format(Locale.ROOT, " %.1f |", value));
      }
      // A report older than the figure has none: its sum is unknown, not 0.
      row.append(byPhase.isEmpty() ? " - |"
          : String.format(Locale.ROOT, " %.1f |", byPhase.values().stream().mapToDouble(Double::doubleValue).sum()));
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
        + " [--set key=value]... [--java-opts \"...\"] [--cores N] [--event-log]");
    System.err.println("  --event-log: read shuffle and spill bytes from a Spark event log the run writes (costs CPU in"
        + " the run), for code whose report.json lacks shuffle_bytes_by_phase and spilled_bytes_by_phase");
    System.exit(2);
  }
}
