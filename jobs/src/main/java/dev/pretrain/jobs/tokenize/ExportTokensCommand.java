package dev.pretrain.jobs.tokenize;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.DriverHadoopConf;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.tokenize.export.ExportFormat;
import dev.pretrain.tokenize.export.ExportTokensJob;
import dev.pretrain.tokenize.export.ExportTokensReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "export-tokens",
    mixinStandardHelpOptions = true,
    description = {
      "Write a token dataset for other trainers, without tokenizing again: Megatron-LM's indexed dataset"
          + " (SPLIT_NNNNNN.bin/.idx), nanoGPT's SPLIT.bin (uint16) or llm.c's tokens_SPLIT_NNNNNN.bin shards."
          + " Documents are written whole (rejoined across packed rows), each ending with the end-of-text id, in"
          + " the dataset's shuffled order.",
      "Streams in this one process (not on Spark): memory stays small, local temporary space holds 4 bytes per"
          + " id of the largest split."})
public final class ExportTokensCommand extends JobCommand {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Required. A token dataset (tokenize --output): its manifest.json and shards; local, s3a://, gs://.")
  String data;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Required. megatron, nanogpt or llmc.")
  String format;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Required. Directory for the files (new or empty, or an earlier export-tokens output).")
  String output;

  @Option(names = "--split", paramLabel = "SPLIT",
      description = "Export only this split (train or val; repeatable). Default: every split of the manifest.")
  List<String> splits = new ArrayList<>();

  @Option(names = "--max-file-bytes", paramLabel = "BYTES",
      description = "Largest file to write (suffix k, m, g: powers of 1024): a megatron .bin (default 4g; a document"
          + " is never split, so one larger than this gets a file of its own) or an llm.c shard (default 10^8"
          + " tokens, 200,001,024 bytes). nanogpt writes one file per split and takes none.")
  String maxFileBytes;

  @Option(names = "--temp-dir", paramLabel = "DIR",
      description = "Local directory for the temporary files (default: java.io.tmpdir).")
  Path tempDir;

  @Option(names = "--overwrite",
      description = "Replace a complete earlier export-tokens output in --output (only its own files).")
  boolean overwrite;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--data", data), new Required("--format", format), new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Settings<Void> settings = readSettings(config, reader -> null);
    ExportFormat chosen = format();
    long limit = maxFileBytes(chosen);
    Path temp = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    if (!Files.isDirectory(temp)) {
      throw new ParameterException(spec.commandLine(), "--temp-dir " + temp + " is not a local directory");
    }
    for (String split : splits) {
      if (!split.equals("train") && !split.equals("val")) {
        throw new ParameterException(spec.commandLine(), "--split must be train or val, got '" + split + "'");
      }
    }
    ExportTokensReport report = ExportTokensJob.run(
        new ExportTokensJob.Request(data, chosen, output, List.copyOf(splits), limit, overwrite, temp),
        DriverHadoopConf.create(settings.spark()), line -> {
          out().println(line);
          out().flush();
        });
    return done(new Summary(String.format(Locale.ROOT, "export-tokens: wrote %s (%s, %s ids)", output,
        chosen.cliName(), report.dtype().numpyName()), summary(report)));
  }

  static List<String> summary(ExportTokensReport r) {
    List<String> lines = new ArrayList<>();
    r.splits().forEach((name, s) -> {
      String files = s.files().isEmpty() ? "no files (the split is empty)"
          : s.files().size() <= 4 ? String.join(", ", s.files())
          : s.files().size() + " files, " + s.files().get(0) + " ... " + s.files().get(s.files().size() - 1);
      lines.add(String.format(Locale.ROOT, "%s: %,d documents, %,d tokens from %,d rows: %s", name, s.documents(),
          s.tokens(), s.rows(), files));
      if (s.eotAppended() > 0) {
        lines.add(String.format(Locale.ROOT, "%s: %,d documents cut at the end of a pack group (tokenize dropped their"
            + " tail) end with an added end-of-text id", name, s.eotAppended()));
      }
    });
    lines.add(String.format(Locale.ROOT, "time: %.1f s, %.1f MB/s of tokens read (int32 ids from the shards)",
        r.seconds(), r.tokensRead() * 4.0 / 1e6 / Math.max(r.seconds(), 1e-9)));
    return lines;
  }

  private ExportFormat format() {
    for (ExportFormat f : ExportFormat.values()) {
      if (f.cliName().equals(format.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new ParameterException(spec.commandLine(), "--format must be megatron, nanogpt or llmc, got '" + format + "'");
  }

  private long maxFileBytes(ExportFormat chosen) {
    if (maxFileBytes == null) {
      return chosen.defaultMaxFileBytes();
    }
    if (chosen == ExportFormat.NANOGPT) {
      throw new ParameterException(spec.commandLine(), "--max-file-bytes does not apply to nanogpt: nanoGPT reads"
          + " exactly one train.bin and one val.bin");
    }
    Matcher m = SIZE.matcher(maxFileBytes.trim());
    long bytes;
    try {
      if (!m.matches()) {
        throw new NumberFormatException();
      }
      int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), "--max-file-bytes must be a number of bytes, optionally with"
          + " k, m or g (powers of 1024), got '" + maxFileBytes + "'");
    }
    long least = chosen == ExportFormat.LLMC ? 1026 : 1;
    if (bytes < least) {
      throw new ParameterException(spec.commandLine(), "--max-file-bytes must be at least " + least + " for "
          + chosen.cliName() + (chosen == ExportFormat.LLMC ? " (llm.c's 1,024-byte header and one token)" : "")
          + ", got " + maxFileBytes);
    }
    return bytes;
  }
}
