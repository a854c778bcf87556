package dev.pretrain.jobs.sample;

import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.trainer.sample.SampleJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Generate text from a trained checkpoint, with temperature and top-k.")
public final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
      description = "A run directory (its newest checkpoint) or a checkpoint directory, e.g."
          + " RUN/checkpoints/step-0005000 (or round-0000010 of a --workers run).")
  String checkpoint;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
  String prompt;

  @Option(names = "--tokenizer", paramLabel = "FILE|tiktoken:NAME",
      description = "The dataset's tokenizer; default: the one the run's dataset carries (found through the"
          + " run's config.json and the dataset's manifest).")
  String tokenizer;

  @Option(names = "--max-new-tokens", defaultValue = "200", paramLabel = "N",
      description = "Tokens to generate. Default: ${DEFAULT-VALUE}.")
  int maxNewTokens;

  @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T",
      description = "Softmax temperature; 0 is greedy. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--top-k", defaultValue = "200", paramLabel = "K",
      description = "Sample among the K most likely tokens. Default: ${DEFAULT-VALUE}.")
  int topK;

  @Option(names = "--seed", defaultValue = "1337", paramLabel = "N", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    SampleJob.Sample sample = SampleJob.run(checkpoint, tokenizer, prompt, maxNewTokens, temperature, topK, seed);
    spec.commandLine().getOut().println(sample.text());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
