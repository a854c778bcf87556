package dev.pretrain.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.common.read.InputNotFound;
import java.io.EOFException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class FailureTest {
  /** What Spark throws in the driver when a task failed: the task's exception, wrapped. */
  private static SparkException inATask(Throwable cause) {
    return new SparkException("Job aborted due to stage failure: Task 0 in stage 2.0 failed 1 times, most recent"
        + " failure: Lost task 0.0 in stage 2.0 (TID 3) (localhost executor driver): " + cause, cause);
  }

  @Test
  void badCommandLinesExitWithTwo() {
    for (RuntimeException e : new RuntimeException[] {new ConfigError("x"), new OutputRefused("x"), new InputNotFound("x")}) {
      assertEquals(ExitCode.USAGE, Failure.of(e).exitCode(), e.toString());
      assertFalse(Failure.of(e).unexpected());
    }
  }

  @Test
  void aJobThatStoppedItselfSaysWhyWithoutATraceEvenFromInsideATask() {
    Failure direct = Failure.of(new JobStopped("read: 9 of 10 records are bad"));
    assertEquals(new Failure(ExitCode.FAILED, "read: 9 of 10 records are bad", false), direct);
    Failure wrapped = Failure.of(inATask(new JobStopped("shard s is corrupt")));
    assertEquals(new Failure(ExitCode.FAILED, "shard s is corrupt", false), wrapped);
  }

  @Test
  void anUnexpectedFailureNamesItsRootCauseAndWhereItHappened() {
    Failure f = Failure.of(inATask(new UncheckedIOException("reading x.jsonl.gz",
        new EOFException("Unexpected end of ZLIB input stream"))));
    assertEquals(ExitCode.FAILED, f.exitCode());
    assertTrue(f.unexpected());
    assertTrue(f.message().startsWith("unexpected EOFException: Unexpected end of ZLIB input stream (in SparkException:"
        + " Job aborted due to stage failure"), f.message());
    assertTrue(f.message().endsWith("please report it with the full log."), f.message());
  }

  @Test
  void runningOutOfMemorySaysWhatToChange() {
    Failure f = Failure.of(inATask(new OutOfMemoryError("Java heap space")));
    assertTrue(f.message().startsWith("the JVM ran out of memory (Java heap space). Give it more"), f.message());
  }

  @Test
  void withoutALogFileTheStackTraceOfAnUnexpectedFailureIsPrinted() {
    StringWriter err = new StringWriter();
    int code = Failures.report("curate", new IllegalStateException("counts do not add up (a bug)"), new PrintWriter(err));
    assertEquals(ExitCode.FAILED, code);
    assertTrue(err.toString().startsWith("curate failed: unexpected IllegalStateException: counts do not add up"), err.toString());
    assertTrue(err.toString().contains("\tat "), err.toString());
  }
}
