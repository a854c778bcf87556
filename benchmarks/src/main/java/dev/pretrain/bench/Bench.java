package dev.pretrain.bench;

import dev.pretrain.bench.classify.FastTextBench;
import dev.pretrain.bench.classify.SupervisedTrainerBench;
import dev.pretrain.bench.dedup.CorpusGenerator;
import dev.pretrain.bench.dedup.CurateBench;
import dev.pretrain.bench.dedup.CurateScaling;
import dev.pretrain.bench.dedup.LanguageBench;
import dev.pretrain.bench.dedup.MinHashBench;
import dev.pretrain.bench.dedup.MllibMinHashComparison;
import dev.pretrain.bench.dedup.PerDocumentBench;
import dev.pretrain.bench.dedup.RepeatedPageCorpus;
import dev.pretrain.bench.dedup.SqlMinHashBench;
import dev.pretrain.bench.extract.ExtractionBench;
import dev.pretrain.bench.read.CharsetDetectionBench;
import dev.pretrain.bench.read.WarcCorpusGenerator;
import dev.pretrain.bench.tokenize.EncoderBench;
import dev.pretrain.bench.tokenize.ExportTokensBench;
import dev.pretrain.bench.tokenize.SyntheticDocuments;
import dev.pretrain.bench.tokenize.TokenizeJobBench;
import dev.pretrain.bench.tokenize.TrainTokenizerJobBench;
import dev.pretrain.bench.trainer.MemoryBench;
import dev.pretrain.bench.trainer.SampleBench;
import dev.pretrain.bench.trainer.StepBench;
import dev.pretrain.bench.trainer.distributed.RoundBench;
import dev.pretrain.bench.report.ChartFormatComparison;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs one of this module's programs (benchmarks, comparisons, corpus generators) by the simple
 * name of its class: {@code Bench NAME ARGS...}, which calls {@code NAME.main(ARGS)} in this JVM;
 * {@code Bench --list} names them all. {@code benchmarks/bin/bench} builds the module and runs this
 * class; {@code docs/benchmarks.md} gives each figure with the command that measured it.
 */
public final class Bench {
  /** Every program with a {@code main}, in the order of the pipeline (BenchTest checks none is missing). */
  static final List<Class<?>> PROGRAMS = List.of(
      CharsetDetectionBench.class, CorpusGenerator.class, RepeatedPageCorpus.class, ExtractionBench.class,
      CurateScaling.class, CurateBench.class, PerDocumentBench.class, FastTextBench.class, SupervisedTrainerBench.class,
      MinHashBench.class, SqlMinHashBench.class, LanguageBench.class, MllibMinHashComparison.class,
      SyntheticDocuments.class, EncoderBench.class, TokenizeJobBench.class, TrainTokenizerJobBench.class,
      ExportTokensBench.class,
      StepBench.class, MemoryBench.class, SampleBench.class, RoundBench.class,
      WarcCorpusGenerator.class, ChartFormatComparison.class);

  private Bench() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0 || args[0].equals("--list") || args[0].equals("--help")) {
      System.out.println("usage: bench NAME [ARGS...]; NAME is one of:");
      PROGRAMS.forEach(p -> System.out.printf("  %-24s %s%n", p.getSimpleName(), p.getName()));
      System.out.println("each prints its own usage on a bad argument; docs/benchmarks.md has the commands behind every figure");
      if (args.length == 0) {
        System.exit(2);
      }
      return;
    }
    Class<?> program;
    try {
      program = find(args[0]);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(program, Arrays.copyOfRange(args, 1, args.length));
  }

  /** The program named by its simple or fully qualified class name. */
  static Class<?> find(String name) {
    for (Class<?> p : PROGRAMS) {
      if (p.getSimpleName().equals(name) || p.getName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no program named " + name + "; one of: "
        + PROGRAMS.stream().map(Class::getSimpleName).collect(Collectors.joining(", ")));
  }

  /** {@code program.main(args)}, rethrowing what main threw rather than reflection's wrapper. */
  static void run(Class<?> program, String[] args) throws Throwable {
    Method main = mainOf(program);
    if (main == null) {
      throw new IllegalArgumentException(program.getName() + " has no public static void main(String[])");
    }
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The {@code public static void main(String[])} of {@code type}, or null. */
  static Method mainOf(Class<?> type) {
    try {
      Method main = type.getMethod("main", String[].class);
      return Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class ? main : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
