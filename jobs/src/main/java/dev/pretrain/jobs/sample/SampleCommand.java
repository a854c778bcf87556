package dev.pretrain.jobs.sample;

import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.trainer.sample.SampleJob;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Generate text from a trained checkpoint, with temperature and top-k.")
public final class SampleCommand extends CheckpointCommand {
  @Option(names = "--prompt", paramLabel = "TEXT", description = "Required. The text to continue.")
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
  protected List<Required> alsoRequired() {
    return List.of(new Required("--prompt", prompt));
  }

  @Override
  protected int run(LoadedConfig config) {
    SampleJob.Sample sample = SampleJob.run(checkpoint, tokenizer, prompt, maxNewTokens, temperature, topK, seed,
        hadoop(config));
    out().println(sample.text());
    out().flush();
    return ExitCode.OK;
  }
}
