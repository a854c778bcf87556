package dev.pretrain.jobs.refresh;

import dev.pretrain.jobs.cli.UnbuiltStageCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Add a new snapshot to a versioned corpus: curate against it, tokenize the new documents.")
public final class RefreshCommand extends UnbuiltStageCommand {
  @Option(names = "--corpus", required = true, paramLabel = "ROOT",
      description = "Corpus root holding v0001/, v0002/, ... and CURRENT.")
  String corpus;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "The new snapshot's files, directories or globs.")
  List<String> inputs;

  public RefreshCommand() {
    super("refresh", "issue #7: versioned corpus refresh");
  }
}
