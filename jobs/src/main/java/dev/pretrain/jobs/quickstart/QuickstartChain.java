package dev.pretrain.jobs.quickstart;

import dev.pretrain.jobs.cli.StageNotImplemented;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the quickstart's steps in order, stopping at the first stage that does not exist yet. */
final class QuickstartChain {
  private final List<QuickstartStep> steps;

  QuickstartChain(List<QuickstartStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The outcome of each step, in order. */
  record Report(List<String> lines, boolean complete) {}

  Report run(QuickstartRun run, PrintWriter progress) throws Exception {
    List<String> lines = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < steps.size(); i++) {
      QuickstartStep step = steps.get(i);
      String label = "[" + (i + 1) + "/" + steps.size() + "] " + step.name();
      if (!complete) {
        lines.add(label + ": not run (an earlier stage is missing)");
        continue;
      }
      progress.println(label + " ...");
      progress.flush();
      long start = System.nanoTime();
      try {
        List<String> summary = step.run(run);
        String took = Format.seconds(System.nanoTime() - start);
        progress.println(label + " done in " + took);
        lines.add(label + ": done in " + took);
        summary.forEach(line -> lines.add("      " + line));
      } catch (StageNotImplemented e) {
        complete = false;
        progress.println(label + ": " + e.getMessage());
        lines.add(label + ": " + e.getMessage());
      }
      progress.flush();
    }
    return new Report(lines, complete);
  }
}
