package dev.pretrain.jobs.sample;

import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.trainer.export.ExportJob;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a checkpoint as a Hugging Face GPT-2 folder: model.safetensors, config.json and the"
        + " dataset's tokenizer (tokenizer.json, tokenizer_config.json, special_tokens_map.json).")
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
      description = "A run directory (its newest checkpoint) or a checkpoint directory.")
  String checkpoint;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Directory for the model and tokenizer files.")
  String output;

  @Option(names = "--overwrite", description = "Replace an earlier export in --output (never a directory this pipeline did not write).")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    ExportJob.Exported exported = ExportJob.run(checkpoint, output, overwrite);
    PrintWriter out = spec.commandLine().getOut();
    out.println("export: " + exported.checkpoint() + " -> " + output + ": " + String.join(", ", exported.files()));
    exported.noTokenizer().ifPresent(why -> out.println("export: " + why));
    out.flush();
    return ExitCode.OK;
  }
}
