package dev.pretrain.trainer;

import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.report.TrainReport;
import dev.pretrain.trainer.sample.CheckpointSamples;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.Path;

/**
 * A training run, however it advances ({@link RunAdvance}): {@link #open} starts afresh or resumes the newest
 * checkpoint of its kind, then {@link #runUntil} advances unit by unit until a given one, evaluating every
 * {@code eval} units, writing a line of {@code metrics.jsonl} and of the console every {@code log} units (and
 * the first, and whenever it evaluated), and a checkpoint every {@code checkpoint} units and at the end, each followed
 * by the lines of {@code samples.jsonl} when it samples ({@link #sampling}) and then a fresh {@code report.html}
 * (so a running job's report is current). A NaN/Inf loss stops the run
 * naming the step and the last good checkpoint.
 *
 * @param <S> the state of the run's checkpoints
 */
public final class RunLoop<S extends SavedState> implements AutoCloseable {

  /** Every how many units (steps or rounds) the loop logs, evaluates and checkpoints. */
  public record Cadence(long log, long eval, long checkpoint) {
    public Cadence {
      if (log < 1 || eval < 1 || checkpoint < 1) {
        throw new IllegalArgumentException("intervals must be at least 1, got log " + log + ", eval " + eval
            + ", checkpoint " + checkpoint);
      }
    }
  }

  private final RunDirectory run;
  private final CheckpointStore<S> checkpoints;
  private final RunAdvance<S> advance;
  private final Cadence cadence;
  private final String manifestSha256;
  private final PrintStream console;
  private Optional<Path> last = Optional.empty();
  private long keepMetricsThrough;
  private Runnable started = () -> { };
  private MetricsLog metrics;
  private Optional<CheckpointSamples> sampler = Optional.empty();
  private MetricsLog samples;

  /** @param manifestSha256 the dataset's: a checkpoint of other data is resumed only when allowed */
  public RunLoop(RunDirectory run, int keepCheckpoints, RunAdvance<S> advance, Cadence cadence,
                 String manifestSha256, PrintStream console) {
    this.run = run;
    this.checkpoints = run.checkpoints(advance.plan().kind(), keepCheckpoints);
    this.advance = advance;
    this.cadence = cadence;
    this.manifestSha256 = manifestSha256;
    this.console = console;
  }

  /** Refuses a stop outside {@code [1, total]}, naming the unit ("step", "round") and {@code total}'s setting. */
  public static void requireStop(long stop, long total, String unit, String totalName) {
    if (stop < 1 || stop > total) {
      throw new IllegalArgumentException("stop " + unit + " must be in [1, " + totalName + total + "], got " + stop);
    }
  }

  /**
   * Starts afresh, or with {@code resume} continues from the newest checkpoint of the run's kind; refuses to
   * start over a run that has one. {@code started} is called before the first unit is advanced (never for a
   * refused resume, nor when there is nothing left to do).
   */
  public RunLoop<S> open(boolean resume, boolean allowOtherData, Runnable started) {
    Optional<Path> latest = checkpoints.latest();
    String label = checkpoints.kind().label();
    if (resume) {
      Path from = latest.orElseThrow(() -> new OutputRefused("nothing to resume: no " + label + " in "
          + checkpoints.dir()));
      S state = checkpoints.readState(from, manifestSha256, allowOtherData);
      requireCompatible(from, state);
      String where = advance.resume(checkpoints, from, state);
      console.println("resuming " + from + " " + where);
      last = Optional.of(from);
      keepMetricsThrough = state.step();
    } else if (latest.isPresent()) {
      throw new OutputRefused(run.path() + " already holds " + label + " (newest " + latest.get()
          + "); resume it with --resume or choose a new run directory");
    }
    this.started = started;
    return this;
  }

  /** Generates text with {@code sampler} after every checkpoint, into {@code samples.jsonl}. */
  public RunLoop<S> sampling(CheckpointSamples newSampler) {
    this.sampler = Optional.of(newSampler);
    return this;
  }

  /**
   * Advances until {@code stop} units are done (within the run's total).
   *
   * @return the last checkpoint written or resumed from
   */
  public Optional<Path> runUntil(long stop) {
    requireStop(stop, advance.plan().total(), advance.plan().kind().prefix(), "");
    if (advance.done() >= stop) {
      return last;
    }
    if (metrics == null) {
      started.run();
      metrics = run.metrics(keepMetricsThrough);
      // A resumed run without prompts still drops the samples of steps it will train again.
      if (sampler.isPresent() || run.hasSamples()) {
        samples = run.samples(keepMetricsThrough);
      }
    }
    long first = advance.done();
    long runNanos = 0;
    long windowNanos = 0;
    long windowTokens = 0;
    while (advance.done() < stop) {
      long next = advance.done() + 1;
      boolean end = next == stop;
      boolean checkpoint = next % cadence.checkpoint() == 0 || end;
      Optional<Path> prepared = checkpoint ? Optional.of(checkpoints.prepare(next)) : Optional.empty();
      long t0 = System.nanoTime();
      RunAdvance.Unit unit;
      try {
        unit = advance.advance(prepared);
      } catch (NonFiniteLossException e) {
        throw new JobStopped(e.getMessage() + "; stopping. Last good checkpoint: "
            + last.map(Path::toString).orElse("none (no checkpoint was written yet)"), e);
      }
      long nanos = System.nanoTime() - t0;
      runNanos += nanos;
      windowNanos += nanos;
      windowTokens += unit.tokens();
      OptionalDouble val = next % cadence.eval() == 0 || end ? advance.evaluate() : OptionalDouble.empty();
      // The first unit is always logged: the untrained loss (about ln V) is the first sanity check.
      if (next == 1 || next % cadence.log() == 0 || val.isPresent()) {
        double tokensPerSec = windowTokens / (windowNanos / 1e9);
        metrics.log(unit.metrics(tokensPerSec, val));
        double etaSeconds = runNanos / 1e9 / (next - first) * (stop - next);
        console.println(unit.progress(stop, tokensPerSec, val) + eta(etaSeconds));
        windowNanos = 0;
        windowTokens = 0;
      }
      if (checkpoint) {
        last = Optional.of(advance.checkpoint(checkpoints));
        // Before the report, which shows them.
        sampler.ifPresent(this::sample);
        run.writeReport(console);
      }
    }
    return last;
  }

  /** Generates from the prompts with the current weights into {@code samples.jsonl}, saying how long it took. */
  private void sample(CheckpointSamples sampler) {
    long t0 = System.nanoTime();
    List<CheckpointSamples.Line> lines = sampler.take(advance.step(), advance::copyParameters);
    lines.forEach(samples::log);
    console.println(String.format(Locale.ROOT, "samples: %d prompt(s) × %d tokens in %.2fs -> %s", lines.size(),
        lines.isEmpty() ? 0 : lines.get(0).tokens(), (System.nanoTime() - t0) / 1e9,
        new Path(run.path(), TrainReport.SAMPLES)));
  }

  /** Closes {@code metrics.jsonl} and {@code samples.jsonl}. */
  @Override
  public void close() {
    try {
      if (samples != null) {
        samples.close();
      }
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  private void requireCompatible(Path from, S state) {
    advance.requireCompatible(from, state);
    if (!state.model().equals(advance.plan().model())) {
      throw new IllegalArgumentException("checkpoint " + from + " is of model " + state.model()
          + " but the settings ask for " + advance.plan().model() + "; a run keeps the settings it was started with in"
          + " its " + RunConfig.SETTINGS_FILE + " (runs started before it existed need their --conf again)");
    }
  }

  private static String eta(double seconds) {
    long eta = Math.round(seconds);
    return String.format(Locale.ROOT, "  ETA %dh%02dm%02ds", eta / 3600, eta / 60 % 60, eta % 60);
  }
}
