package dev.pretrain.jobs.quickstart;

import dev.pretrain.jobs.cli.StageNotImplemented;
import java.util.List;

/**
 * A link of the chain whose stage has not been built yet. It says so, and the chain stops: a
 * quickstart that skipped a stage and reported success would be a lie.
 */
record PendingStage(String name, String trackedAs) implements QuickstartStep {
  @Override
  public List<String> run(QuickstartRun run) {
    throw new StageNotImplemented(name, trackedAs);
  }
}
