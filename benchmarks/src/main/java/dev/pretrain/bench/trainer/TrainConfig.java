package dev.pretrain.bench.trainer;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.distributed.DilocoSettings;
import java.util.List;
import java.util.Optional;

/**
 * The train settings a bench measures, read as {@code pipeline train} reads them: the modules'
 * reference.conf plus {@code key=value} overrides (a bench's {@code --set}), validated. Benches set only what
 * they vary (the preset, the batch, H) and take everything else from here rather than typing it in.
 *
 * @param train  the {@code train} section
 * @param diloco the {@code train.diloco} section
 */
public record TrainConfig(TrainSettings train, DilocoSettings diloco) {

  public static TrainConfig read(List<String> overrides) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), overrides, TrainSettings.SCHEMA).reader();
    TrainConfig config = new TrainConfig(TrainSettings.read(reader), DilocoSettings.read(reader));
    reader.finish();
    return config;
  }

  /**
   * One micro-batch of {@code batch} rows of {@code blockSize} tokens per step of the model {@code preset}.
   *
   * @param blockSize the sequence length, or 0 for the preset's
   */
  public static TrainConfig oneBatchPerStep(String preset, int batch, int blockSize, String... more) {
    int t = blockSize > 0 ? blockSize : TrainConfig.read(List.of("train.model.preset=" + preset)).train().model()
        .blockSize();
    List<String> overrides = new java.util.ArrayList<>(List.of("train.model.preset=" + preset,
        "train.batch-size=" + batch, "train.block-size=" + t, "train.tokens-per-step=" + (long) batch * t));
    overrides.addAll(List.of(more));
    return read(overrides);
  }
}
