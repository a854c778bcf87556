package dev.pretrain.jobs.tokenize;

import dev.pretrain.jobs.cli.UnbuiltStageCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train-tokenizer",
    mixinStandardHelpOptions = true,
    description = "Train a byte-level BPE tokenizer on curated documents; writes a HuggingFace tokenizer.json.")
public final class TrainTokenizerCommand extends UnbuiltStageCommand {
  @Option(names = "--input", required = true, paramLabel = "DIR",
      description = "The curate job's documents/ directory.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write tokenizer.json.")
  String output;

  public TrainTokenizerCommand() {
    super("train-tokenizer", "issue #4: BPE training on Spark");
  }
}
