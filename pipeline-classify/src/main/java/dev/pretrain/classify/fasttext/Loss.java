package dev.pretrain.classify.fasttext;

/**
 * fastText's {@code loss_name} (args.h), with the codes its model files store. For prediction,
 * negative sampling and one-vs-all are the same (an independent sigmoid per label, fastText's
 * {@code BinaryLogisticLoss::computeOutput}); softmax normalizes over labels; hierarchical softmax
 * searches a Huffman tree built from the labels' counts.
 */
public enum Loss {
  HIERARCHICAL_SOFTMAX(1, "hs"),
  NEGATIVE_SAMPLING(2, "ns"),
  SOFTMAX(3, "softmax"),
  ONE_VS_ALL(4, "ova");

  private final int code;
  private final String flag;

  Loss(int code, String flag) {
    this.code = code;
    this.flag = flag;
  }

  /** The value fastText writes in a model file. */
  public int code() {
    return code;
  }

  /** The name fastText's command line uses ({@code -loss hs}). */
  public String flag() {
    return flag;
  }

  /** The loss a model file's code stands for, or null for a code fastText does not define. */
  public static Loss ofCode(int code) {
    for (Loss loss : values()) {
      if (loss.code == code) {
        return loss;
      }
    }
    return null;
  }
}
