package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Token plus learned position embedding: {@code out[b*T+t] = wte[token] + wpe[t]}. */
final class Embedding {

  private final int batch;
  private final int seqLen;
  private final int channels;
  private final int vocabSize;
  private final ElementView wte;   // [Vp, C]
  private final ElementView wpe;   // [block, C]
  private final ElementView dWte;
  private final ElementView dWpe;
  private final int[] tokens;      // [B*T], the inputs of the last forward
  final INDArray out;              // [B*T, C]
  private final ElementView outView;

  Embedding(INDArray wte, INDArray wpe, INDArray dWte, INDArray dWpe, int vocabSize, int batch, int seqLen) {
    this.batch = batch;
    this.seqLen = seqLen;
    this.channels = (int) wte.size(1);
    this.vocabSize = vocabSize;
    if (seqLen > wpe.size(0)) {
      throw new IllegalArgumentException("sequence length " + seqLen + " exceeds block size " + wpe.size(0));
    }
    this.wte = ElementView.of(wte);
    this.wpe = ElementView.of(wpe);
    this.dWte = ElementView.of(dWte);
    this.dWpe = ElementView.of(dWpe);
    this.tokens = new int[batch * seqLen];
    this.out = Nd4j.create(wte.dataType(), (long) batch * seqLen, channels);
    this.outView = ElementView.of(out);
  }

  /** inputs [B*T] token ids below the tokenizer's vocabulary. */
  void forward(int[] inputs) {
    if (inputs.length != tokens.length) {
      throw new IllegalArgumentException("expected " + tokens.length + " input tokens (B=" + batch + " × T="
          + seqLen + "), got " + inputs.length);
    }
    int c = channels;
    for (int row = 0; row < tokens.length; row++) {
      int token = inputs[row];
      if (token < 0 || token >= vocabSize) {
        throw new IllegalArgumentException("token " + token + " at position " + row
            + " is outside the vocabulary [0, " + vocabSize + ")");
      }
      tokens[row] = token;
      int t = row % seqLen;
      for (int j = 0; j < c; j++) {
        outView.set(row * c + j, wte.get(token * c + j) + wpe.get(t * c + j));
      }
    }
  }

  /** dOut [B*T, C]: accumulates into dWte and dWpe. */
  void backward(ElementView dOut) {
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
