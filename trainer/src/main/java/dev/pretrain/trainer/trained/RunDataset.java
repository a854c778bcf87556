package dev.pretrain.trainer.trained;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.trainer.RunConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The token dataset a run trained on, found through the run's {@code config.json}, and the tokenizer
 * it carries: {@code tokenize} copies a {@code tokenizer.json} into the dataset and records the copy as
 * {@code tokenizer.file} in the manifest, so what was trained can be sampled and exported without
 * naming the tokenizer again.
 *
 * @param location the dataset directory, as the run recorded it
 */
public record RunDataset(String location, Manifest manifest) {

  /** The run's dataset, or why it cannot be read (to put in a message). */
  public record Lookup(Optional<RunDataset> dataset, String problem) {
    /**
     * @param remedy what to do without the dataset, appended to the problem
     * @throws IllegalArgumentException if there is no dataset
     */
    public RunDataset require(String remedy) {
      return dataset.orElseThrow(() -> new IllegalArgumentException(problem + "; " + remedy));
    }
  }

  /**
   * The dataset of the run in {@code runDir} (empty for a checkpoint that lies in no run), read with the job's
   * Hadoop configuration.
   */
  public static Lookup of(Optional<Path> runDir, Configuration hadoop) {
    if (runDir.isEmpty()) {
      return missing("the checkpoint lies in no run directory (RUN/checkpoints/NAME), whose "
          + RunConfig.FILE + " would name its dataset");
    }
    Optional<RunConfig> run;
    try {
      run = RunConfig.read(runDir.get().toString(), hadoop);
    } catch (IllegalArgumentException e) {
      return missing(e.getMessage());
    }
    if (run.isEmpty()) {
      return missing("run " + runDir.get() + " has no " + RunConfig.FILE + " naming its dataset");
    }
    String data = run.get().data();
    String location = ManifestFile.resolve(data, Manifest.FILE_NAME);
    try {
      Manifest manifest = ManifestFile.parse(read(location, hadoop), location);
      return new Lookup(Optional.of(new RunDataset(data, manifest)), "");
    } catch (FileNotFoundException e) {
      return missing("the run's dataset " + data + " has no " + Manifest.FILE_NAME + " (moved or deleted?)");
    } catch (IOException | IllegalArgumentException e) {
      return missing("the run's dataset manifest " + location + " cannot be read: " + e.getMessage());
    }
  }

  /** True if the dataset was tokenized with a {@code tiktoken:NAME} vocabulary, which has no file. */
  public boolean tiktoken() {
    return manifest.tokenizer().source().startsWith(Tokenizers.TIKTOKEN_PREFIX);
  }

  /**
   * The dataset's copy of its {@code tokenizer.json}, checked against the SHA-256 the manifest records;
   * empty for a tiktoken vocabulary and for datasets written before they carried their tokenizer.
   *
   * @throws IllegalArgumentException if the manifest names a copy that is missing or is another tokenizer
   */
  public Optional<byte[]> tokenizerJson(Configuration hadoop) {
    String file = manifest.tokenizer().file();
    if (file == null) {
      return Optional.empty();
    }
    String copy = tokenizerLocation().orElseThrow();
    byte[] bytes;
    try {
      bytes = read(copy, hadoop);
    } catch (IOException e) {
      throw new IllegalArgumentException("the dataset's tokenizer copy " + copy + " cannot be read: " + e.getMessage(),
          e);
    }
    String sha = Sha256.hex(bytes);
    if (!sha.equals(manifest.tokenizer().sha256())) {
      throw new IllegalArgumentException("the dataset's tokenizer copy " + copy + " has SHA-256 " + sha
          + " but the manifest records " + manifest.tokenizer().sha256() + ": it is not the tokenizer the dataset"
          + " was tokenized with");
    }
    return Optional.of(bytes);
  }

  /** Where the dataset's tokenizer copy lies, when the manifest names one. */
  public Optional<String> tokenizerLocation() {
    return Optional.ofNullable(manifest.tokenizer().file()).map(file -> ManifestFile.resolve(location, file));
  }

  /** The text of the end-of-text token, the one special token every document ends with. */
  public String endOfText() {
    Manifest.Tokenizer t = manifest.tokenizer();
    return t.specialTokens().entrySet().stream().filter(e -> e.getValue() == t.eotId()).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("the manifest of " + location
            + " lists no special token with the end-of-text id " + t.eotId()));
  }

  private static Lookup missing(String problem) {
    return new Lookup(Optional.empty(), problem);
  }

  private static byte[] read(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return in.readAllBytes();
    }
  }
}
