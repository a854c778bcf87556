package dev.pretrain.jobs.sample;

import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.trainer.export.ExportJob;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a checkpoint as a Hugging Face GPT-2 folder: model.safetensors, config.json and the"
        + " dataset's tokenizer (tokenizer.json, tokenizer_config.json, special_tokens_map.json).")
public final class ExportCommand extends CheckpointCommand {
  @Option(names = "--output", paramLabel = "DIR",
      description = "Required. Local directory for the model and tokenizer files.")
  String output;

  @Option(names = "--overwrite", description = "Replace an earlier export in --output (never a directory this pipeline did not write).")
  boolean overwrite;

  @Override
  protected List<Required> alsoRequired() {
    return List.of(new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) {
    ExportJob.Exported exported = ExportJob.run(checkpoint, output, overwrite, hadoop(config));
    PrintWriter out = out();
    out.println("export: " + exported.checkpoint() + " -> " + output + ": " + String.join(", ", exported.files()));
    exported.noTokenizer().ifPresent(why -> out.println("export: " + why));
    out.flush();
    return ExitCode.OK;
  }
}
