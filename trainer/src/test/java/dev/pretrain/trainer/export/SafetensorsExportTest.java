package dev.pretrain.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.model.ParameterLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsExportTest {

  /** 50 ids: the model pads to 64 rows, HF's wte must have 50. */
  private static final GptConfig CONFIG = GptConfig.of(50, 8, 2, 2, 8, true);

  @TempDir
  Path dir;

  /** A tensor as the file describes it, read without the writer's code. */
  private record Read(String dtype, long[] shape, long begin, long end, float[] values) {
  }

  /** Parses a safetensors file from its bytes: u64 LE header length, JSON header, data. */
  private static Map<String, Read> parse(Path file, Map<String, String> metadata) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = all.getLong(0);
    assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
    JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    int dataStart = 8 + (int) headerLength;
    Map<String, Read> tensors = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      JsonNode info = e.getValue();
      long[] shape = new long[info.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = info.get("shape").get(i).asLong();
      }
      long begin = info.get("data_offsets").get(0).asLong();
      long end = info.get("data_offsets").get(1).asLong();
      float[] values = new float[(int) ((end - begin) / 4)];
      for (int i = 0; i < values.length; i++) {
        values[i] = all.getFloat(dataStart + (int) begin + 4 * i);
      }
      tensors.put(e.getKey(), new Read(info.get("dtype").asText(), shape, begin, end, values));
    }
    List<Read> byOffset = new ArrayList<>(tensors.values());
    byOffset.sort(Comparator.comparingLong(Read::begin));
    long next = 0;
    for (Read r : byOffset) {
      assertEquals(next, r.begin(), "tensors are back to back from offset 0");
      next = r.end();
    }
    assertEquals(bytes.length - dataStart, next, "the data ends at the end of the file");
    return tensors;
  }

  /** The HF GPT-2 state dict names (transformers GPT2Model), written out independently of the layout. */
  private static TreeSet<String> hfNames(int layers, boolean bias) {
    TreeSet<String> names = new TreeSet<>(List.of("wte.weight", "wpe.weight", "ln_f.weight"));
    List<String> perLayer = List.of("ln_1", "attn.c_attn", "attn.c_proj", "ln_2", "mlp.c_fc", "mlp.c_proj");
    for (int i = 0; i < layers; i++) {
      for (String m : perLayer) {
        names.add("h." + i + "." + m + ".weight");
        if (bias) {
          names.add("h." + i + "." + m + ".bias");
        }
      }
    }
    if (bias) {
      names.add("ln_f.bias");
    }
    return names;
  }

  @Test
  void writesHuggingFaceGpt2NamesShapesAndTheModelsValues() throws Exception {
    Gpt model = new Gpt(CONFIG, 1, 8, DataType.FLOAT, 4);
    SafetensorsExport.write(CONFIG, model.parameters(), dir);
    Map<String, String> metadata = new TreeMap<>();
    Map<String, Read> tensors = parse(dir.resolve("model.safetensors"), metadata);
    assertEquals(Map.of("format", "pt"), metadata);
    assertEquals(hfNames(2, true), tensors.keySet());
    int c = 8;
    assertArrayEquals(new long[] {50, c}, tensors.get("wte.weight").shape(), "HF's vocabulary is not padded");
    assertArrayEquals(new long[] {8, c}, tensors.get("wpe.weight").shape());
    assertArrayEquals(new long[] {c, 3 * c}, tensors.get("h.1.attn.c_attn.weight").shape(), "Conv1D is [in, out]");
    assertArrayEquals(new long[] {3 * c}, tensors.get("h.1.attn.c_attn.bias").shape());
    assertArrayEquals(new long[] {c, c}, tensors.get("h.0.attn.c_proj.weight").shape());
    assertArrayEquals(new long[] {c, 4 * c}, tensors.get("h.0.mlp.c_fc.weight").shape());
    assertArrayEquals(new long[] {4 * c, c}, tensors.get("h.0.mlp.c_proj.weight").shape());
    assertArrayEquals(new long[] {c}, tensors.get("ln_f.weight").shape());
    ParameterLayout layout = model.layout();
    for (Map.Entry<String, Read> e : tensors.entrySet()) {
      assertEquals("F32", e.getValue().dtype());
      float[] expected = layout.view(model.parameters(), e.getKey()).dup().reshape(-1).toFloatVector();
      if (e.getKey().equals("wte.weight")) {
        expected = Arrays.copyOf(expected, 50 * c);
      }
      assertArrayEquals(expected, e.getValue().values(), e.getKey());
    }
  }

  @Test
  void theExportedFileComputesWhatTheModelComputesUnderHuggingFaceGpt2Semantics() throws Exception {
    Gpt model = new Gpt(CONFIG, 1, 8, DataType.FLOAT, 12);
    // Trained-looking weights: the init's zero biases and unit LayerNorm gains would hide mix-ups.
    model.parameters().addi(Nd4j.rand(DataType.FLOAT, model.layout().size()).subi(0.5)
        .muli(0.6));
    SafetensorsExport.write(CONFIG, model.parameters(), dir);
    Map<String, float[]> weights = new TreeMap<>();
    parse(dir.resolve("model.safetensors"), new TreeMap<>()).forEach((name, r) -> weights.put(name, r.values()));
    int[] ids = {3, 49, 0, 17, 17, 8, 21, 40};
    double[][] expected = Gpt2Reference.probabilities(weights, ids, 50, 2, 2, 8);
    model.forward(ids, new int[ids.length]);
    double[] actual = new double[50];
    for (int t = 0; t < ids.length; t++) {
      model.probabilitiesAt(t, actual);
      for (int v = 0; v < 50; v++) {
        assertEquals(expected[t][v], actual[v], 1e-5, "position " + t + " token " + v);
      }
    }
  }

  @Test
  void aModelWithoutBiasHasNoBiasTensors() throws Exception {
    GptConfig noBias = GptConfig.of(50, 8, 1, 2, 8, false);
    SafetensorsExport.write(noBias, new Gpt(noBias, 1, 8, DataType.FLOAT, 1).parameters(), dir);
    assertEquals(hfNames(1, false), parse(dir.resolve("model.safetensors"), new TreeMap<>()).keySet());
  }

  @Test
  void configJsonIsAHuggingFaceGpt2Config() throws Exception {
    SafetensorsExport.write(CONFIG, new Gpt(CONFIG, 1, 8, DataType.FLOAT, 1).parameters(), dir);
    JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
    assertEquals("gpt2", config.get("model_type").asText());
    assertEquals("GPT2LMHeadModel", config.get("architectures").get(0).asText());
    assertEquals(50, config.get("vocab_size").asInt());
    assertEquals(8, config.get("n_positions").asInt());
    assertEquals(8, config.get("n_embd").asInt());
    assertEquals(2, config.get("n_layer").asInt());
    assertEquals(2, config.get("n_head").asInt());
    assertEquals(1e-5, config.get("layer_norm_epsilon").asDouble());
    assertEquals("gelu_new", config.get("activation_function").asText());
    assertTrue(config.get("tie_word_embeddings").asBoolean());
  }

  @Test
  void exportJobWritesTheCheckpointsWeights() throws Exception {
    Gpt model = new Gpt(CONFIG, 1, 8, DataType.FLOAT, 9);
    Path checkpoint = TrainedRunFixture.stepCheckpoint(dir.resolve("run"), new CheckpointState(CheckpointState.VERSION, 3, 0,
        Cursor.START, 9, "00", CONFIG, Map.of()), Map.of(Trainer.PARAMETERS_FILE, model.parameters()));
    Path file = dir.resolve("hf").resolve(ExportJob.run(checkpoint.toString(), dir.resolve("hf").toString(), false,
        new org.apache.hadoop.conf.Configuration())
        .files().get(0));
    Map<String, Read> tensors = parse(file, new TreeMap<>());
    INDArray expected = model.layout().view(model.parameters(), "h.1.mlp.c_fc.weight");
    assertArrayEquals(expected.dup().reshape(-1).toFloatVector(), tensors.get("h.1.mlp.c_fc.weight").values());
    assertTrue(Files.isRegularFile(dir.resolve("hf/config.json")));
  }
}
