package dev.pretrain.jobs.tokenize;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.tokenize.shards.TokenizeVerifier;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = "Encode curated documents into shuffled, sharded Parquet token files with a manifest.")
public final class TokenizeCommand extends JobCommand {
  // Optional to picocli so that --print-config needs neither; a run needs one (requiredToRun).
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode;

  static final class Mode {
    @ArgGroup(exclusive = false)
    Encode encode;

    @Option(names = "--verify", paramLabel = "DIR", description = "Check a token dataset against its manifest and exit.")
    String verify;
  }

  static final class Encode {
    @Option(names = "--input", required = true, paramLabel = "DIR",
        description = "A curate output directory, or its documents/ directory.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory for the shards.")
    String output;

    @Option(names = "--tokenizer", paramLabel = "FILE|tiktoken:NAME",
        description = "A byte-level BPE tokenizer.json, or tiktoken:r50k_base|cl100k_base|o200k_base "
            + "(sets tokenize.tokenizer).")
    String tokenizer;

    @Option(names = "--overwrite",
        description = "Replace a complete earlier tokenize output in --output (never a directory this pipeline did not write).")
    boolean overwrite;
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--input, --output (to tokenize) or --verify", mode));
  }

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(TokenizeSettings.SCHEMA);
  }

  @Override
  protected List<String> optionSettings() {
    return mode != null && mode.encode != null && mode.encode.tokenizer != null
        ? List.of("tokenize.tokenizer=" + mode.encode.tokenizer)
        : List.of();
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Settings<TokenizeSettings> settings = readSettings(config, TokenizeSettings::read);
    if (mode.verify != null) {
      return verify(mode.verify);
    }
    TokenizeReport report = inSpark(settings.spark(), "tokenize", spark -> TokenizeJob.run(spark, settings.job(),
        mode.encode.input, mode.encode.output, mode.encode.overwrite));
    return done(new Summary("tokenize: wrote " + mode.encode.output, summary(report)));
  }

  private int verify(String dataset) throws Exception {
    TokenizeVerifier.Result result = TokenizeVerifier.verify(new Configuration(), dataset);
    if (result.ok()) {
      out().printf(Locale.ROOT, "tokenize --verify: %s is intact (%,d shards, %,d rows checked)%n",
          dataset, result.shardsChecked(), result.rowsChecked());
      out().flush();
      return ExitCode.OK;
    }
    java.io.PrintWriter err = spec.commandLine().getErr();
    err.printf(Locale.ROOT, "tokenize --verify: %s has %d problem(s):%n", dataset, result.problems().size());
    result.problems().forEach(p -> err.println("  - " + p));
    err.flush();
    return ExitCode.FAILED;
  }

  static List<String> summary(TokenizeReport r) {
    return List.of(
        String.format(Locale.ROOT, "documents: %,d (%,d rejected), %,d tokens from %,d bytes of text",
            r.documents(), r.rejectedDocuments(), r.tokens(), r.textBytes()),
        String.format(Locale.ROOT, "rows: %,d %s in shards %s; %,d tokens dropped, %,d padded",
            r.rows(), r.rowsBySplit(), r.shardsBySplit(), r.droppedTokens(), r.paddedTokens()),
        String.format(Locale.ROOT, "time: %.1f s, manifest sha256 %s", r.seconds(), r.manifestSha256()));
  }
}
