package dev.pretrain.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.trainer.model.ElementView;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.model.ParameterLayout;
import dev.pretrain.trainer.model.ParameterTensor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a model as Hugging Face GPT-2: {@code model.safetensors} and {@code config.json}, loadable by
 * {@code transformers.GPT2LMHeadModel.from_pretrained(dir)}.
 *
 * <p>safetensors layout (huggingface/safetensors README): an unsigned 64-bit little-endian header
 * length N, N bytes of JSON ({@code name → {dtype, shape, data_offsets}} with offsets relative to the
 * end of the header, plus {@code __metadata__}), then the tensors' little-endian bytes. The header is
 * padded with spaces to a multiple of 8 so every tensor starts aligned, as the reference writer does.
 * Tensors are written in name order, back to back.
 *
 * <p>Our parameter names and {@code [in, out]} linear layout are already HF GPT-2's ({@code Conv1D});
 * only {@code wte.weight} changes: HF's vocabulary is not padded, so its first {@code vocab_size} rows
 * are written. The output layer is tied to {@code wte}, so there is no {@code lm_head.weight}. A model
 * without bias has no bias tensors to write; transformers then starts those at zero (its GPT-2 init),
 * which is the same function, after warning that they were newly initialised.
 */
public final class SafetensorsExport {
  private SafetensorsExport() {}

  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String CONFIG_FILE = "config.json";

  /** GPT-2's LayerNorm epsilon; our {@code LayerNorm} uses the same. */
  static final double LAYER_NORM_EPSILON = 1e-5;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int CHUNK_FLOATS = 1 << 16;

  /** One tensor of the file: where it comes from in θ and what the file says about it. */
  record Entry(String name, int offset, long[] shape, long begin, long end) {
  }

  /** Writes both files into {@code outputDir} (created if missing) from flat θ of {@code config}. */
  public static void write(GptConfig config, INDArray parameters, Path outputDir) {
    write(config, parameters, OptionalInt.empty(), outputDir);
  }

  /**
   * As {@link #write(GptConfig, INDArray, Path)}, with the tokenizer's end-of-text id as {@code config.json}'s
   * {@code bos_token_id} and {@code eos_token_id}, as GPT-2's: without them transformers takes GPT2Config's
   * defaults (50256, GPT-2's own vocabulary), which lie outside a smaller vocabulary.
   */
  public static void write(GptConfig config, INDArray parameters, OptionalInt endOfTextId, Path outputDir) {
    ParameterLayout layout = new ParameterLayout(config);
    if (parameters.length() != layout.size()) {
      throw new IllegalArgumentException("θ has " + parameters.length() + " values but the model needs "
          + layout.size());
    }
    List<Entry> entries = entries(config, layout);
    try {
      Files.createDirectories(outputDir);
      writeAtomically(outputDir.resolve(WEIGHTS_FILE), out -> writeWeights(entries, ElementView.of(parameters), out));
      writeAtomically(outputDir.resolve(CONFIG_FILE),
          out -> out.write(JSON.writeValueAsBytes(hfConfig(config, endOfTextId))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export to " + outputDir, e);
    }
  }

  /** The HF GPT2Config of {@code config}; dropout 0 as it was trained. */
  static Map<String, Object> hfConfig(GptConfig config, OptionalInt endOfTextId) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("architectures", List.of("GPT2LMHeadModel"));
    c.put("model_type", "gpt2");
    c.put("vocab_size", config.vocabSize());
    c.put("n_positions", config.blockSize());
    c.put("n_ctx", config.blockSize());
    c.put("n_embd", config.nEmbd());
    c.put("n_layer", config.nLayer());
    c.put("n_head", config.nHead());
    c.put("activation_function", "gelu_new");
    c.put("layer_norm_epsilon", LAYER_NORM_EPSILON);
    c.put("resid_pdrop", 0.0);
    c.put("embd_pdrop", 0.0);
    c.put("attn_pdrop", 0.0);
    c.put("tie_word_embeddings", true);
    c.put("torch_dtype", "float32");
    endOfTextId.ifPresent(id -> {
      c.put("bos_token_id", id);
      c.put("eos_token_id", id);
    });
    return c;
  }

  private static List<Entry> entries(GptConfig config, ParameterLayout layout) {
    List<ParameterTensor> tensors = new ArrayList<>(layout.tensors());
    tensors.sort(Comparator.comparing(ParameterTensor::name));
    List<Entry> entries = new ArrayList<>();
    long next = 0;
    for (ParameterTensor t : tensors) {
      long[] shape = t.name().equals("wte.weight")
          ? new long[] {config.vocabSize(), config.nEmbd()} : t.shape();
      long bytes = (long) Float.BYTES * shape[0] * (shape.length > 1 ? shape[1] : 1);
      entries.add(new Entry(t.name(), t.offset(), shape, next, next + bytes));
      next += bytes;
    }
    return entries;
  }

  private static void writeWeights(List<Entry> entries, ElementView theta, OutputStream out) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("__metadata__", Map.of("format", "pt"));
    for (Entry e : entries) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", "F32");
      info.put("shape", e.shape());
      info.put("data_offsets", new long[] {e.begin(), e.end()});
      header.put(e.name(), info);
    }
    StringBuilder json = new StringBuilder(new ObjectMapper().writeValueAsString(header));
    while (json.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
      json.append(' ');
    }
    byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(headerBytes.length);
    out.write(buffer.array(), 0, Long.BYTES);
    out.write(headerBytes);
    for (Entry e : entries) {
      int floats = (int) ((e.end() - e.begin()) / Float.BYTES);
      for (int from = 0; from < floats; from += CHUNK_FLOATS) {
        buffer.clear();
        int to = Math.min(floats, from + CHUNK_FLOATS);
        for (int i = from; i < to; i++) {
          buffer.putFloat((float) theta.get(e.offset() + i));
        }
        out.write(buffer.array(), 0, buffer.position());
      }
    }
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Body body) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      body.writeTo(out);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
