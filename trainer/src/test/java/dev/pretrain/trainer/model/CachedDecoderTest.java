package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class CachedDecoderTest {

  private static final GptConfig CONFIG = GptConfig.of(64, 16, 2, 2, 32, true);

  private static int[] randomTokens(int n, int vocab, long seed) {
    Random random = new Random(seed);
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = random.nextInt(vocab);
    }
    return tokens;
  }

  /** log p of every id after each position of one full forward over {@code tokens} (batch 1, T = block). */
  private static double[][] fullForwardLogProbabilities(Gpt model, int[] tokens) {
    int block = model.config().blockSize();
    int[] inputs = new int[block];
    System.arraycopy(tokens, 0, inputs, 0, tokens.length);
    model.forward(inputs, new int[block]);
    double[][] logP = new double[tokens.length][model.config().vocabSize()];
    for (int p = 0; p < tokens.length; p++) {
      model.probabilitiesAt(p, logP[p]);
      for (int j = 0; j < logP[p].length; j++) {
        logP[p][j] = Math.log(logP[p][j]);
      }
    }
    return logP;
  }

  private static double[] decoderLogProbabilities(CachedDecoder decoder) {
    double[] p = new double[decoder.config().vocabSize()];
    decoder.probabilities(p);
    for (int j = 0; j < p.length; j++) {
      p[j] = Math.log(p[j]);
    }
    return p;
  }

  /** max |a − b| relative to the larger magnitude of a (log-probabilities of rare ids are large). */
  private static double maxDifference(double[] a, double[] b) {
    double max = 0;
    double scale = 1;
    for (int j = 0; j < a.length; j++) {
      max = Math.max(max, Math.abs(a[j] - b[j]));
      scale = Math.max(scale, Math.abs(a[j]));
    }
    return max / scale;
  }

  /**
   * A prompt of 5 tokens appended at once, then one token at a time to the block size: after each,
   * the next-token log-probabilities equal the full forward's at that position, to the type's rounding
   * (relative to the largest |log p|).
   */
  private static void matchesTheFullForward(GptConfig config, DataType type, double tolerance) {
    Gpt model = new Gpt(config, 1, config.blockSize(), type, 3);
    // θ × 8 makes the untrained model's distributions far from uniform, so a wrong row would show.
    model.parameters().muli(8);
    int[] tokens = randomTokens(config.blockSize(), config.vocabSize(), 4);
    double[][] expected = fullForwardLogProbabilities(model, tokens);
    CachedDecoder decoder = new CachedDecoder(model);
    decoder.append(tokens, 0, 5);
    double first = maxDifference(expected[4], decoderLogProbabilities(decoder));
    assertTrue(first < tolerance, "position 4: " + first);
    for (int p = 5; p < tokens.length; p++) {
      decoder.append(tokens, p, 1);
      double difference = maxDifference(expected[p], decoderLogProbabilities(decoder));
      assertTrue(difference < tolerance, "position " + p + ": " + difference);
      assertTrue(maxDifference(expected[p], expected[p - 1]) > 1000 * tolerance, "positions must differ");
    }
    assertEquals(config.blockSize(), decoder.length());
  }

  @Test
  void probabilitiesEqualTheFullForwardInDoublePrecision() {
    matchesTheFullForward(CONFIG, DataType.DOUBLE, 1e-10);
  }

  @Test
  void probabilitiesEqualTheFullForwardInFloatToRounding() {
    matchesTheFullForward(CONFIG, DataType.FLOAT, 2e-5);
  }

  @Test
  void worksWithoutBiases() {
    matchesTheFullForward(GptConfig.of(64, 16, 2, 4, 32, false), DataType.DOUBLE, 1e-10);
  }

  /**
   * Appends of several rows at once, onto an empty cache and onto a filled one (rows attending to each
   * other and to the cache together): after each, the log-probabilities equal the full forward's at
   * the last appended position, for every prompt length and for chunks of 3 after it.
   */
  @Test
  void appendsOfSeveralRowsEqualTheFullForwardAtEveryLength() {
    Gpt model = new Gpt(CONFIG, 1, CONFIG.blockSize(), DataType.DOUBLE, 3);
    model.parameters().muli(8);
    int[] tokens = randomTokens(CONFIG.blockSize(), CONFIG.vocabSize(), 7);
    double[][] expected = fullForwardLogProbabilities(model, tokens);
    CachedDecoder decoder = new CachedDecoder(model);
    for (int prompt = 1; prompt <= tokens.length; prompt++) {
      decoder.reset();
      decoder.append(tokens, 0, prompt);
      assertTrue(maxDifference(expected[prompt - 1], decoderLogProbabilities(decoder)) < 1e-10, "prompt " + prompt);
      for (int from = prompt; from < tokens.length; from += 3) {
        int count = Math.min(3, tokens.length - from);
        decoder.append(tokens, from, count);
        double difference = maxDifference(expected[from + count - 1], decoderLogProbabilities(decoder));
        assertTrue(difference < 1e-10, "prompt " + prompt + ", rows " + from + "+" + count + ": " + difference);
      }
    }
  }

  @Test
  void aFullCacheIsRefusedAndAResetStartsAtPositionZero() {
    Gpt model = new Gpt(CONFIG, 1, CONFIG.blockSize(), DataType.DOUBLE, 5);
    int[] tokens = randomTokens(24, CONFIG.vocabSize(), 6);
    CachedDecoder decoder = new CachedDecoder(model);
    decoder.append(tokens, 0, 16);
    IllegalStateException full = assertThrows(IllegalStateException.class, () -> decoder.append(tokens, 16, 1));
    assertTrue(full.getMessage().contains("holds 16 of 16 positions"), full.getMessage());
    decoder.reset();
    decoder.append(tokens, 8, 9);
    int[] window = java.util.Arrays.copyOfRange(tokens, 8, 17);
    double[][] expected = fullForwardLogProbabilities(model, window);
    assertTrue(maxDifference(expected[8], decoderLogProbabilities(decoder)) < 1e-10);
  }

  @Test
  void badInputIsRefused() {
    CachedDecoder decoder = new CachedDecoder(new Gpt(CONFIG, 1, CONFIG.blockSize(), DataType.FLOAT, 5));
    assertThrows(IllegalStateException.class, () -> decoder.probabilities(new double[64]));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> decoder.append(new int[] {1, 64}, 0, 2))
        .getMessage().contains("token 64 at index 1"));
    assertThrows(IllegalArgumentException.class, () -> decoder.append(new int[] {1}, 0, 0));
  }
}
