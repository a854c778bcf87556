package dev.pretrain.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each named tensor of a {@link GptConfig} lives in the flat parameter vector θ. Linear weights
 * are stored {@code [in, out]} (as Hugging Face GPT-2's {@code Conv1D}), so a forward pass is
 * {@code X[B*T, in] · W[in, out]} with no transpose. Names follow Hugging Face GPT-2.
 */
public final class ParameterLayout {

  private final List<ParameterTensor> tensors;
  private final Map<String, ParameterTensor> byName;
  private final int size;

  public ParameterLayout(GptConfig config) {
    int c = config.nEmbd();
    Builder b = new Builder();
    b.matrix("wte.weight", config.paddedVocabSize(), c);
    b.matrix("wpe.weight", config.blockSize(), c);
    for (int l = 0; l < config.nLayer(); l++) {
      String h = "h." + l + ".";
      b.vector(h + "ln_1.weight", c);
      b.optionalVector(config.bias(), h + "ln_1.bias", c);
      b.matrix(h + "attn.c_attn.weight", c, 3 * c);
      b.optionalVector(config.bias(), h + "attn.c_attn.bias", 3 * c);
      b.matrix(h + "attn.c_proj.weight", c, c);
      b.optionalVector(config.bias(), h + "attn.c_proj.bias", c);
      b.vector(h + "ln_2.weight", c);
      b.optionalVector(config.bias(), h + "ln_2.bias", c);
      b.matrix(h + "mlp.c_fc.weight", c, 4 * c);
      b.optionalVector(config.bias(), h + "mlp.c_fc.bias", 4 * c);
      b.matrix(h + "mlp.c_proj.weight", 4 * c, c);
      b.optionalVector(config.bias(), h + "mlp.c_proj.bias", c);
    }
    b.vector("ln_f.weight", c);
    b.optionalVector(config.bias(), "ln_f.bias", c);
    this.tensors = Collections.unmodifiableList(b.tensors);
    this.size = b.next;
    Map<String, ParameterTensor> map = new LinkedHashMap<>();
    for (ParameterTensor t : tensors) {
      map.put(t.name(), t);
    }
    this.byName = Collections.unmodifiableMap(map);
    if (size != config.parameterCount()) {
      throw new IllegalStateException("layout has " + size + " elements, config counts " + config.parameterCount());
    }
  }

  public List<ParameterTensor> tensors() {
    return tensors;
  }

  public int size() {
    return size;
  }

  /** The tensor called {@code name}, or null when the config has none (a bias with bias=false). */
  public ParameterTensor find(String name) {
    return byName.get(name);
  }

  /** A view of {@code name} inside {@code flat} (θ or its gradient), or null when absent. */
  public INDArray view(INDArray flat, String name) {
    ParameterTensor t = byName.get(name);
    if (t == null) {
      return null;
    }
    if (flat.length() != size) {
      throw new IllegalArgumentException("flat buffer has " + flat.length() + " elements, layout needs " + size);
    }
    return flat.get(NDArrayIndex.interval(t.offset(), t.offset() + t.length())).reshape(t.shape());
  }

  private static final class Builder {
    final List<ParameterTensor> tensors = new ArrayList<>();
    int next;

    void matrix(String name, int rows, int cols) {
      add(new ParameterTensor(name, next, rows, cols, true));
    }

    void vector(String name, int length) {
      add(new ParameterTensor(name, next, 1, length, false));
    }

    void optionalVector(boolean present, String name, int length) {
      if (present) {
        vector(name, length);
      }
    }

    private void add(ParameterTensor t) {
      tensors.add(t);
      next = Math.addExact(next, t.length());
    }
  }
}
