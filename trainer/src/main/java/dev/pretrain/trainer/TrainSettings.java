package dev.pretrain.trainer;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.PresetKeys;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * The {@code train} config section, typed and checked; built once on the driver and shipped to DiLoCo's
 * worker tasks as it is.
 *
 * @param model              the model shape: a preset, or {@code custom} with explicit sizes
 * @param blockSize          T, tokens per sequence (at most the model's block size and the data's seq_len)
 * @param batchSize          B, rows per micro-batch
 * @param tokensPerStep      tokens per optimizer step; a multiple of B·T, reached by gradient accumulation
 * @param maxLr              peak learning rate
 * @param minLr              learning rate at the end of the cosine decay
 * @param warmupSteps        steps of linear warmup
 * @param maxSteps           optimizer steps of the run; the cosine decays over them
 * @param weightDecay        AdamW decoupled weight decay on 2-D weights
 * @param gradClip           global gradient norm limit
 * @param evalInterval       steps between validation evaluations
 * @param evalRows           validation rows evaluated (a multiple of B)
 * @param checkpointInterval steps between checkpoints (one is also written at the end)
 * @param keepCheckpoints    newest checkpoints kept
 * @param seed               initial weights and every epoch's shard order
 * @param logInterval        steps between metrics lines
 * @param peakFlops          the hardware's peak FLOP/s, the denominator of MFU
 * @param verifyShards       hash every shard against the manifest at start
 * @param maxPhysicalBytes   JavaCPP's ceiling on the process's resident memory, 0 for JavaCPP's own
 *                           ({@link NativeMemoryLimit})
 * @param samples            text generated at each checkpoint into {@code samples.jsonl}, off without prompts
 */
public record TrainSettings(
    GptConfig model,
    int blockSize,
    int batchSize,
    long tokensPerStep,
    double maxLr,
    double minLr,
    int warmupSteps,
    int maxSteps,
    double weightDecay,
    double gradClip,
    int evalInterval,
    int evalRows,
    int checkpointInterval,
    int keepCheckpoints,
    long seed,
    int logInterval,
    double peakFlops,
    boolean verifyShards,
    long maxPhysicalBytes,
    Samples samples) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("train"), Set.of());

  /** The value of {@code train.model.preset} that takes the sizes from {@code train.model.custom}. */
  public static final String CUSTOM = "custom";

  /** The sizes a named model preset decides: setting one away from its default needs {@code preset = custom}. */
  public static final PresetKeys MODEL_PRESET = new PresetKeys("train.model.preset", CUSTOM, List.of(
      "train.model.custom.vocab-size", "train.model.custom.block-size", "train.model.custom.n-layer",
      "train.model.custom.n-head", "train.model.custom.n-embd", "train.model.custom.bias"));

  /** Most prompts and new tokens per prompt: sampling runs on the trainer's CPU at every checkpoint. */
  static final int MAX_SAMPLE_PROMPTS = 32;
  static final int MAX_SAMPLE_TOKENS = 4096;

  /**
   * What is generated at each checkpoint ({@code dev.pretrain.trainer.sample.CheckpointSamples}): the same
   * prompts, decoding settings and seed every time, so lines of different steps differ only by the weights.
   *
   * @param prompts     the prompts; none turns sampling off
   * @param tokens      new tokens generated per prompt
   * @param temperature 0 = greedy; otherwise the logits are divided by it
   * @param topK        sample among this many most likely tokens (1 = greedy)
   * @param seed        the sampling seed, its own: training's random state is never touched
   */
  public record Samples(List<String> prompts, int tokens, double temperature, int topK, long seed)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No prompts: nothing is generated. */
    public static final Samples NONE = new Samples(List.of(), 64, 0.8, 200, 1337);

    public Samples {
      prompts = List.copyOf(prompts);
    }

    public boolean enabled() {
      return !prompts.isEmpty();
    }

    static Samples read(SettingsReader r) {
      List<String> prompts = r.stringList("train.sample-prompts");
      r.check(prompts.size() <= MAX_SAMPLE_PROMPTS, "train.sample-prompts",
          "must hold at most " + MAX_SAMPLE_PROMPTS + " prompts (each is generated at every checkpoint)");
      r.check(prompts.stream().noneMatch(String::isEmpty), "train.sample-prompts",
          "must not hold an empty prompt: generation needs at least one token of context");
      return new Samples(prompts,
          r.intIn("train.sample-tokens", 1, MAX_SAMPLE_TOKENS),
          r.doubleIn("train.sample-temperature", 0, 100),
          r.intIn("train.sample-top-k", 1, Integer.MAX_VALUE),
          r.longIn("train.sample-seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }

  /** The optimizer step these settings describe: AdamW (GPT's betas) on the cosine schedule over max-steps. */
  public Trainer.Settings trainerSettings() {
    return new Trainer.Settings(AdamW.Settings.GPT.withWeightDecay(weightDecay),
        new CosineSchedule(maxLr, minLr, warmupSteps, maxSteps), gradClip, accumulation());
  }

  /** Micro-batches per optimizer step. */
  public int accumulation() {
    return (int) (tokensPerStep / ((long) batchSize * blockSize));
  }

  /**
   * Reads the section, recording every problem in {@code r}; the caller calls {@link SettingsReader#finish()}
   * once every section is read, so one run reports all of them at once.
   */
  public static TrainSettings read(SettingsReader r) {
    String preset = r.string("train.model.preset");
    MODEL_PRESET.check(r);
    GptConfig model = CUSTOM.equals(preset) ? custom(r) : preset(r, preset);
    int blockSize = r.intIn("train.block-size", 1, 1 << 16);
    int batchSize = r.intIn("train.batch-size", 1, 1 << 16);
    long tokensPerStep = r.longIn("train.tokens-per-step", 1, 1L << 40);
    double maxLr = r.doubleIn("train.lr", 1e-9, 10);
    double minLr = r.doubleIn("train.min-lr", 0, 10);
    int warmup = r.intIn("train.warmup-steps", 0, Integer.MAX_VALUE);
    int maxSteps = r.intIn("train.max-steps", 1, Integer.MAX_VALUE);
    TrainSettings s = new TrainSettings(model, blockSize, batchSize, tokensPerStep, maxLr, minLr, warmup, maxSteps,
        r.doubleIn("train.weight-decay", 0, 10),
        r.doubleIn("train.grad-clip", 1e-9, 1e9),
        r.intIn("train.eval-interval", 1, Integer.MAX_VALUE),
        r.intIn("train.eval-rows", 1, 1 << 24),
        r.intIn("train.checkpoint-interval", 1, Integer.MAX_VALUE),
        r.intIn("train.keep-checkpoints", 1, 1000),
        r.longIn("train.seed", Long.MIN_VALUE, Long.MAX_VALUE),
        r.intIn("train.log-interval", 1, Integer.MAX_VALUE),
        r.doubleIn("train.peak-flops", 1e6, 1e18),
        r.bool("train.verify-shards"),
        r.bytesIn("train.memory.max-physical-bytes", 0, Long.MAX_VALUE),
        Samples.read(r));
    r.check(model == null || blockSize <= model.blockSize(), "train.block-size",
        "must be at most the model's block size " + (model == null ? 0 : model.blockSize()));
    r.check(tokensPerStep % ((long) batchSize * blockSize) == 0, "train.tokens-per-step",
        "must be a multiple of batch-size × block-size = " + (long) batchSize * blockSize);
    r.check(minLr <= maxLr, "train.min-lr", "must be at most train.lr " + maxLr);
    r.check(warmup <= maxSteps, "train.warmup-steps", "must be at most train.max-steps " + maxSteps);
    r.check(s.evalRows() % batchSize == 0, "train.eval-rows", "must be a multiple of train.batch-size " + batchSize);
    return s;
  }

  private static GptConfig preset(SettingsReader r, String name) {
    try {
      return GptConfig.preset(name);
    } catch (IllegalArgumentException e) {
      r.check(false, "train.model.preset", "must be tiny, small, gpt2-124m, gpt2-350m or custom");
      return null;
    }
  }

  private static GptConfig custom(SettingsReader r) {
    int vocab = r.intIn("train.model.custom.vocab-size", 1, 1 << 24);
    int block = r.intIn("train.model.custom.block-size", 1, 1 << 16);
    int layers = r.intIn("train.model.custom.n-layer", 1, 1024);
    int heads = r.intIn("train.model.custom.n-head", 1, 1024);
    int embd = r.intIn("train.model.custom.n-embd", 1, 1 << 16);
    boolean bias = r.bool("train.model.custom.bias");
    r.check(embd % heads == 0, "train.model.custom.n-embd", "must be divisible by n-head " + heads);
    try {
      return GptConfig.of(vocab, block, layers, heads, embd, bias);
    } catch (IllegalArgumentException e) {
      r.check(false, "train.model.custom", e.getMessage());
      return null;
    }
  }
}
