package dev.pretrain.classify.fasttext;

/**
 * fastText's {@code model_name} (args.h), with the codes its model files store: word vectors
 * (cbow, skipgram) or a supervised classifier. Only a supervised model predicts labels.
 */
public enum ModelKind {
  CBOW(1, "cbow"),
  SKIPGRAM(2, "skipgram"),
  SUPERVISED(3, "supervised");

  private final int code;
  private final String command;

  ModelKind(int code, String command) {
    this.code = code;
    this.command = command;
  }

  /** The value fastText writes in a model file. */
  public int code() {
    return code;
  }

  /** The fastText command that trains such a model. */
  public String command() {
    return command;
  }

  /** The kind a model file's code stands for, or null for a code fastText does not define. */
  public static ModelKind ofCode(int code) {
    for (ModelKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return null;
  }
}
