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
import com.typesafe.config.ConfigUtil;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.tokenize.mix.MixSettings;
import dev.pretrain.tokenize.mix.MixSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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
    @Option(names = "--input", paramLabel = "DIR|NAME=DIR:WEIGHT",
        description = "A curate output directory (or its documents/ directory); repeated as NAME=DIR:WEIGHT, the "
            + "sources of a weighted mix (sets tokenize.mix; the weight follows the last colon).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--max-tokens", paramLabel = "N",
        description = "Token budget of the shards, split between the sources by weight (sets tokenize.max-tokens).")
    Long maxTokens;

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
    if (mode == null || mode.encode == null) {
      return List.of();
    }
    List<String> sets = new ArrayList<>();
    if (mode.encode.tokenizer != null) {
      sets.add("tokenize.tokenizer=" + mode.encode.tokenizer);
    }
    List<MixSource> sources = mixSources();
    if (!sources.isEmpty()) {
      sets.add("tokenize.mix=" + sources.stream()
          .map(m -> "{ name = " + ConfigUtil.quoteString(m.name()) + ", input = " + ConfigUtil.quoteString(m.input())
              + ", weight = " + m.weight() + " }")
          .collect(Collectors.joining(", ", "[", "]")));
    }
    if (mode.encode.maxTokens != null) {
      sets.add("tokenize.max-tokens=" + mode.encode.maxTokens);
    }
    return sets;
  }

  /** The named {@code --input}s; a mix of named and plain ones, or several plain ones, is a usage error. */
  private List<MixSource> mixSources() {
    List<InputArgument> parsed = new ArrayList<>();
    for (String arg : mode.encode.inputs) {
      try {
        parsed.add(InputArgument.parse(arg));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    long plain = parsed.stream().filter(p -> p.source() == null).count();
    if (plain > 0 && (plain > 1 || parsed.size() > 1)) {
      throw new ParameterException(spec.commandLine(), "--input: give one plain DIR, or one or more "
          + "NAME=DIR:WEIGHT sources of a mix, not both and not several plain ones (got " + mode.encode.inputs + ")");
    }
    return parsed.stream().map(InputArgument::source).filter(java.util.Objects::nonNull).toList();
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    record Both(TokenizeSettings tokenize, MixSettings mix) {}
    Settings<Both> settings = readSettings(config, r -> new Both(TokenizeSettings.read(r), MixSettings.read(r)));
    if (mode.verify != null) {
      return verify(mode.verify);
    }
    TokenizeSettings tokenize = settings.job().tokenize();
    MixSettings mix = settings.job().mix();
    List<String> plain = mode.encode.inputs.stream().filter(i -> InputArgument.parse(i).source() == null).toList();
    if (!plain.isEmpty() && !mix.sources().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--input " + plain.get(0) + " and tokenize.mix both name the "
          + "inputs; give the sources as --input NAME=DIR:WEIGHT, or drop the plain --input to use tokenize.mix");
    }
    if (plain.isEmpty() && mix.sources().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: --input (or tokenize.mix)");
    }
    String output = mode.encode.output;
    boolean overwrite = mode.encode.overwrite;
    TokenizeReport report;
    if (!mix.mixes()) {
      report = inSpark(settings.spark(), "tokenize", spark -> TokenizeJob.run(spark, tokenize, plain.get(0), output,
          overwrite));
    } else {
      // A budget on a plain input: a mix of that one source.
      MixSettings sources = plain.isEmpty() ? mix
          : new MixSettings(List.of(new MixSource("input", plain.get(0), 1)), mix.maxTokens());
      report = inSpark(settings.spark(), "tokenize", spark -> TokenizeJob.run(spark, tokenize, sources, output,
          overwrite));
    }
    return done(new Summary("tokenize: wrote " + output, summaryWithSources(report)));
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

  /** The summary, and a line per source of a mix: its share of the tokens and how often it was repeated. */
  static List<String> summaryWithSources(TokenizeReport r) {
    List<String> lines = new ArrayList<>(summary(r));
    long tokens = r.sources().stream().mapToLong(Manifest.Source::tokens).sum();
    for (Manifest.Source s : r.sources()) {
      lines.add(String.format(Locale.ROOT, "source %s: %,d documents, %,d tokens (%.2f%%, weight %s), %.3f epochs",
          s.name(), s.documents(), s.tokens(), 100.0 * s.tokens() / tokens, s.weight(), s.epochs()));
    }
    return lines;
  }
}
