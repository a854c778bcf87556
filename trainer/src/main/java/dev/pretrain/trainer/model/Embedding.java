package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Token plus learned position embedding: row r of a batch of sequences of length T, starting at
 * position p, is {@code wte[token] + wpe[p + r mod T]}. Training embeds B sequences from position 0;
 * decoding embeds the new rows of one sequence from the cache's length.
 */
final class Embedding {

  private final int channels;
  private final int vocabSize;
  private final ElementView wte;   // [Vp, C]
  private final ElementView wpe;   // [block, C]
  private final ElementView dWte;
  private final ElementView dWpe;

  Embedding(INDArray wte, INDArray wpe, INDArray dWte, INDArray dWpe, int vocabSize) {
    this.channels = (int) wte.size(1);
    this.vocabSize = vocabSize;
    this.wte = ElementView.of(wte);
    this.wpe = ElementView.of(wpe);
    this.dWte = ElementView.of(dWte);
    this.dWpe = ElementView.of(dWpe);
  }

  /**
   * out [N, C] ← the embeddings of {@code inputs[from, from+N)}, row r at position
   * {@code first + r mod seqLen}; the ids are kept in tokens [N] for the backward.
   */
  void forward(int[] inputs, int from, int first, int seqLen, int[] tokens, ElementView out) {
    int c = channels;
    for (int row = 0; row < tokens.length; row++) {
      int token = inputs[from + row];
      if (token < 0 || token >= vocabSize) {
        throw new IllegalArgumentException("token " + token + " at position " + (from + row)
            + " is outside the vocabulary [0, " + vocabSize + ")");
      }
      tokens[row] = token;
      int t = first + row % seqLen;
      for (int j = 0; j < c; j++) {
        out.set(row * c + j, wte.get(token * c + j) + wpe.get(t * c + j));
      }
    }
  }

  /** tokens [N] and seqLen of a forward from position 0, dOut [N, C]: accumulates into dWte and dWpe. */
  void backward(int[] tokens, int seqLen, ElementView dOut) {
    int c = channels;
    for (int row = 0; row < tokens.length; row++) {
      int token = tokens[row];
      int t = row % seqLen;
      for (int j = 0; j < c; j++) {
        double g = dOut.get(row * c + j);
        dWte.add(token * c + j, g);
        dWpe.add(t * c + j, g);
      }
    }
  }
}
