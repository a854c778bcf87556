package dev.pretrain.trainer;

import dev.pretrain.trainer.model.GptConfig;

/**
 * Training FLOPs per token, 6N + 12·L·H·Q·T (PaLM, Chowdhery et al. 2022, Appendix B; nanoGPT
 * {@code estimate_mfu}): 6N for the forward and backward GEMMs over the N non-embedding-position
 * parameters, 12·L·H·Q·T for the attention scores and their weighted sums.
 */
public final class ModelFlops {
  private ModelFlops() {}

  public static double perToken(GptConfig config, int seqLen) {
    // nanoGPT counts parameters without the position embedding (get_num_params(non_embedding=True)).
    double n = config.parameterCount() - (double) config.blockSize() * config.nEmbd();
    return 6 * n + 12.0 * config.nLayer() * config.nHead() * config.headSize() * seqLen;
  }
}
