package dev.pretrain.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the pipeline's command line in-process: its exit code and what it printed. */
record CommandLineRun(int exitCode, String out, String err) {
  static CommandLineRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Pipeline.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CommandLineRun(code, out.toString(), err.toString());
  }
}
