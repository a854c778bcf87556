package dev.pretrain.bench.trainer;

import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.sample.Decoding;
import dev.pretrain.trainer.sample.Sampler;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Generation speed, tokens/s, with the KV cache and with a full forward per token, side by side in
 * one JVM: the two modes alternate for each round and the medians are compared. Greedy decoding of a
 * randomly initialised model (speed does not depend on the weights), whose tokens must agree.
 *
 * <p>Usage: {@code SampleBench [preset] [--prompt N] [--new N] [--rounds N]}; defaults small, a
 * 16-token prompt, 200 new tokens, 3 rounds after one warm-up round.
 */
public final class SampleBench {
  private SampleBench() {}

  public static void main(String[] args) {
    String preset = "small";
    int promptLength = 16;
    int newTokens = 200;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--prompt" -> promptLength = Integer.parseInt(args[++i]);
        case "--new" -> newTokens = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> preset = args[i];
      }
    }
    GptConfig config = TrainConfig.read(List.of("train.model.preset=" + preset)).train().model();
    Sampler cached = new Sampler(new Gpt(config, 1, config.blockSize(), DataType.FLOAT, 1), config.vocabSize());
    Sampler full = cached.with(Decoding.FULL_CONTEXT);
    Random random = new Random(2);
    int[] prompt = new int[promptLength];
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = random.nextInt(config.vocabSize());
    }
    int[] cachedIds = cached.generate(prompt, newTokens, 0.0, 1, 0);
    int[] fullIds = full.generate(prompt, newTokens, 0.0, 1, 0);
    double[] cachedRate = new double[rounds];
    double[] fullRate = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      cachedRate[r] = tokensPerSecond(cached, prompt, newTokens);
      fullRate[r] = tokensPerSecond(full, prompt, newTokens);
    }
    double withCache = median(cachedRate);
    double without = median(fullRate);
    System.out.printf(Locale.ROOT, "%s: %,d parameters, block %d, prompt %d tokens, %d new tokens, greedy, %d rounds"
        + " (load average %.1f)%n", preset, config.parameterCount(), config.blockSize(), promptLength, newTokens, rounds,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "  KV cache      %8.1f tokens/s (rounds %s)%n", withCache, Arrays.toString(round(cachedRate)));
    System.out.printf(Locale.ROOT, "  full context  %8.1f tokens/s (rounds %s)%n", without, Arrays.toString(round(fullRate)));
    System.out.printf(Locale.ROOT, "  speed-up %.1fx; same tokens: %b%n", withCache / without, Arrays.equals(cachedIds, fullIds));
  }

  private static double tokensPerSecond(Sampler sampler, int[] prompt, int newTokens) {
    long t0 = System.nanoTime();
    sampler.generate(prompt, newTokens, 0.0, 1, 0);
    return newTokens / ((System.nanoTime() - t0) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double[] round(double[] values) {
    return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
  }
}
