package dev.pretrain.jobs.submit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a bash script under jobs/ (a wrapper or a schedule), with what it printed. */
record ScriptRun(int exitCode, String out, String err) {
  /** The repository's root: tests run in jobs/. */
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  static ScriptRun of(String script, String... args) {
    return of(Map.of(), script, args);
  }

  static ScriptRun of(Map<String, String> env, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", HOME.resolve(script).toString()));
    command.addAll(List.of(args));
    return exec(env, command);
  }

  /** Runs a command line through bash -c in the repository's root. */
  static ScriptRun shell(String commandLine) {
    return exec(Map.of(), List.of("bash", "-c", commandLine));
  }

  private static ScriptRun exec(Map<String, String> env, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
      builder.environment().remove("SPARK_HOME");
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new ScriptRun(process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  /** The single line a --dry-run printed, split into words as a POSIX shell would. */
  List<String> words() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + ": " + err);
    }
    String[] lines = out.strip().split("\n");
    if (lines.length != 1) {
      throw new AssertionError("expected one command line, got:\n" + out);
    }
    return ShellWords.split(lines[0]);
  }
}
