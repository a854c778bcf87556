package dev.pretrain.trainer.sample;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.trained.RunDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The text a run generates at each checkpoint ({@code train.sample-prompts}): every prompt, encoded once
 * with the dataset's tokenizer, continued by a {@link Sampler} over a copy of the current weights, so the
 * training model, its optimizer state and its random state are never touched. The copy lives in a model of
 * batch 1 and sequence length 1 (the key/value cache holds the context), as {@code pipeline sample} loads a
 * checkpoint; with the same settings both give the same tokens.
 */
public final class CheckpointSamples {

  /**
   * A line of {@code samples.jsonl} (docs/formats.md).
   *
   * @param text   the decoded continuation, the prompt not included
   * @param tokens the ids generated
   */
  @JsonPropertyOrder({"step", "prompt", "text", "tokens"})
  public record Line(long step, String prompt, String text, int tokens) {
  }

  private final TrainSettings.Samples settings;
  private final Tokenizer tokenizer;
  private final List<int[]> promptIds = new ArrayList<>();
  private final Gpt weights;
  private final Sampler sampler;

  private CheckpointSamples(TrainSettings.Samples settings, GptConfig model, Tokenizer tokenizer) {
    if (tokenizer.vocabSize() > model.vocabSize()) {
      throw new IllegalArgumentException("train.sample-prompts: the dataset's tokenizer " + tokenizer.name()
          + " has " + tokenizer.vocabSize() + " ids but the model's vocabulary is " + model.vocabSize());
    }
    this.settings = settings;
    this.tokenizer = tokenizer;
    for (String prompt : settings.prompts()) {
      int[] ids = tokenizer.encode(prompt);
      if (ids.length == 0) {
        throw new IllegalArgumentException("train.sample-prompts: prompt \"" + prompt + "\" encodes to no tokens");
      }
      promptIds.add(ids);
    }
    // The seed only fills θ until the first checkpoint's weights are copied in.
    this.weights = new Gpt(model, 1, 1, DataType.FLOAT, 0);
    this.sampler = new Sampler(weights, tokenizer.vocabSize());
  }

  /**
   * Prepares sampling for a run on {@code dataset} whose settings set prompts.
   *
   * @throws IllegalArgumentException naming {@code train.sample-prompts} if the dataset's tokenizer cannot be
   *                                  loaded, does not fit the model, or encodes a prompt to nothing
   */
  public static CheckpointSamples of(TrainSettings.Samples settings, GptConfig model, RunDataset dataset,
                                     Configuration hadoop) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("no train.sample-prompts to generate from");
    }
    Tokenizer tokenizer;
    try {
      tokenizer = SampleJob.datasetTokenizer(dataset, hadoop);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("train.sample-prompts needs the dataset's tokenizer, which cannot be loaded: "
          + e.getMessage(), e);
    }
    return new CheckpointSamples(settings, model, tokenizer);
  }

  /**
   * Generates from every prompt with the weights {@code copyWeights} writes into the flat array it is given.
   *
   * @param step the run's step, recorded in each line
   */
  public List<Line> take(long step, Consumer<INDArray> copyWeights) {
    copyWeights.accept(weights.parameters());
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < promptIds.size(); i++) {
      int[] ids = sampler.generate(promptIds.get(i), settings.tokens(), settings.temperature(), settings.topK(),
          settings.seed());
      lines.add(new Line(step, settings.prompts().get(i), tokenizer.decode(ids), ids.length));
    }
    return lines;
  }
}
