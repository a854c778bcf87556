package dev.pretrain.jobs.quickstart;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the quickstart's steps in order; a step that fails stops the chain with its error. */
final class QuickstartChain {
  private final List<QuickstartStep> steps;

  QuickstartChain(List<QuickstartStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The summary lines of every step, in order. */
  List<String> run(QuickstartRun run, PrintWriter progress) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      QuickstartStep step = steps.get(i);
      String label = "[" + (i + 1) + "/" + steps.size() + "] " + step.name();
      progress.println(label + " ...");
      progress.flush();
      long start = System.nanoTime();
      try {
        List<String> summary = step.run(run);
        String took = Format.seconds(System.nanoTime() - start);
        progress.println(label + " done in " + took);
        lines.add(label + ": done in " + took);
        summary.forEach(line -> lines.add("      " + line));
      } catch (Exception e) {
        progress.println(label + " failed");
        progress.flush();
        throw e;
      }
      progress.flush();
    }
    return lines;
  }
}
