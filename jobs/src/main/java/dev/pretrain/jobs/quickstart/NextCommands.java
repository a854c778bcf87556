package dev.pretrain.jobs.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands to try after a quickstart, with this run's paths, to be copied as they are printed:
 * sample and export the run, train it on for more steps, and curate one's own data. Paths appear as
 * the person gave them (relative ones hold in the directory the quickstart ran in).
 */
final class NextCommands {
  private NextCommands() {}

  static final String PROMPT = "The jury said";
  static final String EXPORT = "hf";

  /** Words a shell passes through unchanged; anything else is single-quoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

  /**
   * @param launcher how the pipeline was started, e.g. {@code jobs/bin/pipeline}
   * @param output   the quickstart's output directory, as given
   * @param maxSteps the run's {@code train.max-steps}; the resume command trains on to twice as many
   */
  static List<String> lines(String launcher, Path output, int maxSteps) {
    String run = output.resolve(TrainStep.OUTPUT).toString();
    List<String> lines = new ArrayList<>();
    lines.add("# generate text from the run's newest checkpoint, with its dataset's tokenizer");
    lines.add(command(launcher, "sample", "--checkpoint", run, "--prompt", PROMPT));
    lines.add("# a Hugging Face folder: model.safetensors, config.json and the tokenizer files");
    lines.add(command(launcher, "export", "--checkpoint", run, "--output", output.resolve(EXPORT).toString(),
        "--overwrite"));
    lines.add("# train on to step " + 2L * maxSteps + " with the run's own settings (its config.conf)");
    lines.add(command(launcher, "train", "--resume", "--out", run, "--set", "train.max-steps=" + 2L * maxSteps));
    lines.add("# your own data (JSONL, Parquet, text, WET, WARC); then train-tokenizer, tokenize, train as above (README)");
    lines.add(command(launcher, "curate", "--input", "YOUR_FILES", "--output", "my-corpus/curated"));
    return lines;
  }

  static String command(String... words) {
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted);
  }
}
