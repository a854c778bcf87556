package dev.pretrain.jobs.tokenize;

import dev.pretrain.jobs.cli.UnbuiltStageCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = "Encode curated documents into shuffled, sharded Parquet token files with a manifest.")
public final class TokenizeCommand extends UnbuiltStageCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @ArgGroup(exclusive = false)
    Encode encode;

    @Option(names = "--verify", paramLabel = "DIR", description = "Check a token dataset against its manifest and exit.")
    String verify;
  }

  static final class Encode {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "The curate job's documents/ directory.")
    String input;

    @Option(names = "--tokenizer", required = true, paramLabel = "FILE|tiktoken:NAME",
        description = "A byte-level BPE tokenizer.json, or tiktoken:r50k_base|cl100k_base|o200k_base.")
    String tokenizer;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory for the shards.")
    String output;
  }

  public TokenizeCommand() {
    super("tokenize", "issue #4: encoder, packing, sharded Parquet writer");
  }
}
