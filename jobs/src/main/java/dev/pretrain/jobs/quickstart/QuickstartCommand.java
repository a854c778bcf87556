package dev.pretrain.jobs.quickstart;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import com.typesafe.config.ConfigUtil;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputLayout;
import org.apache.hadoop.conf.Configuration;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.trainer.TrainSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = "Run the whole chain locally on the bundled sample corpus: curate, train-tokenizer, "
        + "tokenize, train a tiny GPT, then print a summary and the commands to try next.")
public final class QuickstartCommand extends JobCommand {
  /** Set by bin/pipeline to the checkout, so the bundled sample is found from any directory. */
  static final String HOME_PROPERTY = "pipeline.home";

  static final String SAMPLE = "jobs/sample/corpus";

  /** The quickstart's output directory: one subdirectory or file per step. */
  static final OutputLayout LAYOUT = OutputLayout.growing("quickstart",
      List.of(CurateStep.OUTPUT, TrainTokenizerStep.OUTPUT, TokenizeStep.OUTPUT, TrainStep.OUTPUT), List.of(),
      CurateStep.OUTPUT);

  @Option(names = "--input", paramLabel = "DIR",
      description = "Corpus of JSONL(.gz) files. Default: the bundled sample, " + SAMPLE + ".")
  Path input;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "quickstart-out",
      description = "Where every stage writes its output. Default: ${DEFAULT-VALUE}.")
  Path output;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA).plus(TrainTokenizerSettings.SCHEMA)
        .plus(TokenizeSettings.SCHEMA).plus(TrainSettings.SCHEMA);
  }

  /** quickstart.conf (a small vocabulary and model), and the tokenizer the chain trains. */
  @Override
  protected Optional<ConfigSource> preset() {
    String path = "/dev/pretrain/jobs/quickstart/quickstart.conf";
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the jobs jar lacks " + path);
      }
      String tokenizer = output.toAbsolutePath().resolve(TrainTokenizerStep.OUTPUT).toString();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          + "\ntokenize.tokenizer = " + ConfigUtil.quoteString(tokenizer) + "\n";
      return Optional.of(new ConfigSource("quickstart.conf", text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Settings<Sections> settings = readSettings(config, Sections::read);
    Sections s = settings.job();
    Path corpus = corpus();
    claimOutput(corpus);

    QuickstartChain chain = new QuickstartChain(List.of(
        new SurveyInputStep(s.curate().read()),
        new CurateStep(s.curate(), config.render(CurateSettings.SCHEMA)),
        new TrainTokenizerStep(s.trainTokenizer()),
        new TokenizeStep(s.tokenize()),
        new TrainStep(s.train(), config.render(TrainSettings.SCHEMA))));

    List<String> lines = inSpark(settings.spark(), "quickstart",
        spark -> chain.run(new QuickstartRun(spark, corpus, output.toAbsolutePath()), out()));
    printSummary(lines, s.train().maxSteps());
    return ExitCode.OK;
  }

  /** The quickstart runs four jobs, each with its own section. */
  private record Sections(CurateSettings curate, TrainTokenizerSettings trainTokenizer, TokenizeSettings tokenize,
      TrainSettings train) {
    static Sections read(SettingsReader reader) {
      return new Sections(CurateSettings.read(reader), TrainTokenizerSettings.read(reader),
          TokenizeSettings.read(reader), TrainSettings.read(reader));
    }
  }

  /**
   * Refuses an output that overlaps the corpus or holds anything but an earlier quickstart's outputs,
   * before anything runs; each step then replaces its own part.
   */
  private void claimOutput(Path corpus) throws IOException {
    Configuration hadoop = new Configuration();
    InputOverlap.refuse(List.of(corpus.toString()), output.toAbsolutePath().toString(), hadoop);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(output.toAbsolutePath().toUri());
    OutputDirectory.adopt(root.getFileSystem(hadoop), root, LAYOUT);
  }

  private void printSummary(List<String> lines, int maxSteps) {
    out().println();
    out().println("quickstart summary");
    lines.forEach(line -> out().println("  " + line));
    out().println("  outputs: " + output.toAbsolutePath());
    out().println();
    out().println("next:");
    NextCommands.lines(launcher(), output, maxSteps).forEach(line -> out().println("  " + line));
    out().flush();
  }

  /** How the person started the pipeline: bin/pipeline (as a path from here when it lies below), else its name. */
  private static String launcher() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      return "pipeline";
    }
    Path script = Path.of(home, "jobs", "bin", "pipeline").toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return script.startsWith(here) ? here.relativize(script).toString() : script.toString();
  }

  private Path corpus() {
    Path chosen = input;
    if (chosen == null) {
      String home = System.getProperty(HOME_PROPERTY);
      if (home == null) {
        throw new ParameterException(spec.commandLine(),
            "--input is required when not started by bin/pipeline (which knows where the bundled sample is)");
      }
      chosen = Path.of(home).resolve(SAMPLE);
    }
    if (!Files.isDirectory(chosen)) {
      throw new ParameterException(spec.commandLine(), "--input " + chosen + ": no such directory");
    }
    return chosen.toAbsolutePath();
  }
}
