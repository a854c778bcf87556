package dev.pretrain.trainer.trained;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import dev.pretrain.tokenize.train.BpeTrainer;
import dev.pretrain.tokenize.train.BpeTrainerOptions;
import dev.pretrain.tokenize.train.TokenizerJsonWriter;
import dev.pretrain.trainer.RunConfig;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.distributed.OuterRule;
import dev.pretrain.trainer.distributed.RoundState;
import dev.pretrain.trainer.model.GptConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs as {@code sample} and {@code export} find them, without training: a token dataset whose manifest
 * records its tokenizer (and, as {@code tokenize} writes it now, a copy of the tokenizer.json), a run
 * directory whose config.json names the dataset, and step or round checkpoints holding a given θ.
 */
public final class TrainedRunFixture {
  private TrainedRunFixture() {}

  public static final String END_OF_TEXT = "<|endoftext|>";

  /** A byte-level BPE as train-tokenizer writes one: {@code <|endoftext|>} (id 0), the 256 bytes, 4 merges. */
  public static byte[] tokenizerJson() {
    return TokenizerJsonWriter.toBytes(new BpeTrainer(new BpeTrainerOptions(256 + 1 + 4, 1, List.of(END_OF_TEXT),
        SplitPattern.GPT2)).train(Map.of("hello", 5L, " world", 4L, " hello", 3L)));
  }

  /** A dataset tokenized with {@code json}; with {@code copied}, carrying its copy as tokenize writes it. */
  public static void datasetWithTokenizer(Path dir, byte[] json, boolean copied) {
    int vocab;
    try {
      vocab = TokenizerJsonReader.parse(json, "tokenizer.json").vocabSize();
      Files.createDirectories(dir);
      if (copied) {
        Files.write(dir.resolve("tokenizer.json"), json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TokenShardFixture.write(dir, new Manifest.Tokenizer("tokenizer.json", Sha256.hex(json), vocab,
        new TreeMap<>(Map.of(END_OF_TEXT, 0)), 0, copied ? "tokenizer.json" : null), 8, new int[] {2}, new int[] {2});
  }

  /** Writes {@code runDir}'s config.json naming {@code data} for a run of {@code workers}. */
  public static void runOn(Path runDir, Path data, int workers) {
    new RunConfig(data.toString(), workers).write(runDir.toString(), new Configuration(), "train {}\n");
  }

  /** A single-process checkpoint of {@code theta} after {@code step} steps in {@code runDir}. */
  public static Path stepCheckpoint(Path runDir, GptConfig model, INDArray theta, long step) {
    return local(run(runDir).checkpoints(CheckpointKind.STEP, 10).write(step, new CheckpointState(
        CheckpointState.VERSION, step, 0, Cursor.START, 1, "00", model, Map.of()),
        Map.of(Trainer.PARAMETERS_FILE, FloatArrays.Elements.of(theta))));
  }

  /** A single-process checkpoint of {@code state} holding {@code arrays} (name → flat array) in {@code runDir}. */
  public static Path stepCheckpoint(Path runDir, CheckpointState state, Map<String, INDArray> arrays) {
    Map<String, FloatArrays.Elements> elements = new java.util.LinkedHashMap<>();
    arrays.forEach((name, array) -> elements.put(name, FloatArrays.Elements.of(array)));
    return local(run(runDir).checkpoints(CheckpointKind.STEP, 10).write(state.step(), state, elements));
  }

  /** A DiLoCo round checkpoint of {@code theta} after {@code rounds} rounds in {@code runDir}. */
  public static Path roundCheckpoint(Path runDir, GptConfig model, INDArray theta, int rounds) {
    RoundState state = new RoundState(RoundState.VERSION, rounds, 2, 2, 0, 1, "00", model, OuterRule.NESTEROV,
        Map.of());
    return local(run(runDir).checkpoints(RoundState.KIND, 10).write(rounds, state,
        Map.of(Trainer.PARAMETERS_FILE, FloatArrays.Elements.of(theta.toFloatVector()))));
  }

  private static RunDirectory run(Path runDir) {
    return RunDirectory.existing(new org.apache.hadoop.fs.Path(runDir.toString()), new Configuration());
  }

  /** A local checkpoint directory as a {@link Path}. */
  public static Path local(org.apache.hadoop.fs.Path path) {
    return Path.of(path.toUri().getPath());
  }
}
