package dev.pretrain.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What transformers needs beside the weights: the dataset's tokenizer and its special ids. */
class ExportJobTest {

  /** A model over {@link TrainedRunFixture#tokenizerJson()}'s 261 ids, block size 8. */
  private static final GptConfig MODEL = GptConfig.of(261, 8, 1, 2, 8, true);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The job's Hadoop configuration: local files only here. */
  private static final Configuration LOCAL = new Configuration();

  @TempDir
  Path dir;

  private static INDArray theta(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, MODEL.parameterCount()).subi(0.5);
  }

  private JsonNode json(Path file) throws Exception {
    return JSON.readTree(file.toFile());
  }

  @Test
  void aRunExportsItsNewestCheckpointWithTheDatasetsTokenizerBesideTheWeights() throws Exception {
    byte[] tokenizer = TrainedRunFixture.tokenizerJson();
    Path data = dir.resolve("data");
    TrainedRunFixture.datasetWithTokenizer(data, tokenizer, true);
    Path run = dir.resolve("run");
    TrainedRunFixture.runOn(run, data, 1);
    TrainedRunFixture.stepCheckpoint(run, MODEL, theta(1), 10);
    Path newest = TrainedRunFixture.stepCheckpoint(run, MODEL, theta(2), 20);

    Path hf = dir.resolve("hf");
    ExportJob.Exported exported = ExportJob.run(run.toString(), hf.toString(), false, LOCAL);

    assertEquals(newest, TrainedRunFixture.local(exported.checkpoint()));
    assertEquals(List.of("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json"), exported.files());
    assertEquals(Optional.empty(), exported.noTokenizer());
    for (String file : exported.files()) {
      assertTrue(Files.isRegularFile(hf.resolve(file)), file);
    }
    assertArrayEquals(Files.readAllBytes(data.resolve("tokenizer.json")), Files.readAllBytes(hf.resolve("tokenizer.json")),
        "the dataset's tokenizer.json, byte for byte");
    Manifest manifest = ManifestFile.parse(Files.readAllBytes(data.resolve(Manifest.FILE_NAME)), "manifest");
    assertEquals(manifest.tokenizer().sha256(), Sha256.hex(Files.readAllBytes(hf.resolve("tokenizer.json"))));

    JsonNode config = json(hf.resolve("config.json"));
    assertEquals(0, config.get("bos_token_id").asInt(), "the end-of-text id, as GPT-2's bos");
    assertEquals(0, config.get("eos_token_id").asInt());
    JsonNode tokenizerConfig = json(hf.resolve("tokenizer_config.json"));
    assertEquals("PreTrainedTokenizerFast", tokenizerConfig.get("tokenizer_class").asText());
    assertEquals(8, tokenizerConfig.get("model_max_length").asInt(), "the block size");
    for (String token : List.of("bos_token", "eos_token", "unk_token")) {
      assertEquals(TrainedRunFixture.END_OF_TEXT, tokenizerConfig.get(token).asText(), token);
    }
    assertFalse(tokenizerConfig.get("clean_up_tokenization_spaces").asBoolean());
    assertEquals(JSON.valueToTree(Map.of("bos_token", TrainedRunFixture.END_OF_TEXT,
            "eos_token", TrainedRunFixture.END_OF_TEXT, "unk_token", TrainedRunFixture.END_OF_TEXT)),
        json(hf.resolve("special_tokens_map.json")));

    ExportJob.run(newest.toString(), dir.resolve("hf-step").toString(), false, LOCAL);
    assertArrayEquals(Files.readAllBytes(dir.resolve("hf-step/model.safetensors")),
        Files.readAllBytes(hf.resolve("model.safetensors")), "the run directory exported its newest checkpoint");
  }

  @Test
  void aTiktokenDatasetGivesTheIdsButNoTokenizerFilesAndSaysWhy() throws Exception {
    Path data = dir.resolve("data");
    TokenShardFixture.write(data, 261, 8, new int[] {2}, new int[] {2});
    Path run = dir.resolve("run");
    TrainedRunFixture.runOn(run, data, 1);
    TrainedRunFixture.stepCheckpoint(run, MODEL, theta(1), 10);

    Path hf = dir.resolve("hf");
    ExportJob.Exported exported = ExportJob.run(run.toString(), hf.toString(), false, LOCAL);

    assertEquals(List.of("model.safetensors", "config.json"), exported.files());
    assertTrue(exported.noTokenizer().orElseThrow().contains("tokenized with tiktoken:test, a tiktoken vocabulary,"
        + " which has no tokenizer.json to copy"), exported.noTokenizer().get());
    assertFalse(Files.exists(hf.resolve("tokenizer.json")));
    assertFalse(Files.exists(hf.resolve("tokenizer_config.json")));
    assertEquals(260, json(hf.resolve("config.json")).get("eos_token_id").asInt(), "the manifest's eot_id");
  }

  @Test
  void aCheckpointOutsideARunExportsTheWeightsAndSaysWhyNothingElse() throws Exception {
    Path checkpoint = TrainedRunFixture.stepCheckpoint(dir.resolve("run"), MODEL, theta(1), 10);
    Path hf = dir.resolve("hf");
    ExportJob.Exported exported = ExportJob.run(checkpoint.toString(), hf.toString(), false, LOCAL);
    assertEquals(List.of("model.safetensors", "config.json"), exported.files());
    assertTrue(exported.noTokenizer().orElseThrow().contains("no bos/eos ids in config.json: run "
        + dir.resolve("run") + " has no config.json naming its dataset"), exported.noTokenizer().get());
    assertFalse(json(hf.resolve("config.json")).has("eos_token_id"));
  }

  @Test
  void aDilocoRunExportsItsNewestRoundCheckpoint() throws Exception {
    Path run = dir.resolve("diloco");
    TrainedRunFixture.roundCheckpoint(run, MODEL, theta(5), 2);
    Path single = TrainedRunFixture.stepCheckpoint(dir.resolve("single"), MODEL, theta(5), 4);

    ExportJob.Exported exported = ExportJob.run(run.toString(), dir.resolve("hf-round").toString(), false, LOCAL);
    ExportJob.run(single.toString(), dir.resolve("hf-step").toString(), false, LOCAL);

    assertEquals(run.resolve("checkpoints/round-0000002"), TrainedRunFixture.local(exported.checkpoint()));
    assertArrayEquals(Files.readAllBytes(dir.resolve("hf-step/model.safetensors")),
        Files.readAllBytes(dir.resolve("hf-round/model.safetensors")));
  }
}
