package dev.pretrain.jobs.curate;

import dev.pretrain.jobs.cli.UnbuiltStageCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Read raw text, clean, quality-filter and deduplicate it into curated documents.")
public final class CurateCommand extends UnbuiltStageCommand {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "Input files, directories or globs (local, s3a://, gs://).")
  List<String> inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
  String output;

  @Option(names = "--against", paramLabel = "DIR",
      description = "A previous curate output to deduplicate against (incremental refresh).")
  String against;

  public CurateCommand() {
    super("curate", "issue #3: read, clean, filter, deduplicate");
  }
}
