package dev.pretrain.jobs.quickstart;

import java.util.List;

/** One link of the quickstart chain: runs a stage on the previous stage's output. */
interface QuickstartStep {
  String name();

  /** Runs the stage and returns the lines it adds to the summary. */
  List<String> run(QuickstartRun run) throws Exception;
}
