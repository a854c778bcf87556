package dev.pretrain.jobs.sample;

import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.trainer.export.ExportJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a checkpoint as Hugging Face GPT-2 model.safetensors and config.json.")
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "A checkpoint directory.")
  String checkpoint;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Directory for model.safetensors and config.json.")
  String output;

  @Option(names = "--overwrite", description = "Replace an earlier export in --output (never a directory this pipeline did not write).")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    Path written = ExportJob.run(checkpoint, output, overwrite);
    spec.commandLine().getOut().println("export: wrote " + written + " and config.json");
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
