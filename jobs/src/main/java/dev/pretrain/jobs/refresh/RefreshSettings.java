package dev.pretrain.jobs.refresh;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Set;

/**
 * The {@code refresh} section (see jobs' reference.conf).
 *
 * @param trainTokenizer the first version trains its tokenizer on its own documents
 *     (train-tokenizer settings) instead of using {@code tokenize.tokenizer}
 */
public record RefreshSettings(boolean trainTokenizer) {
  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("refresh"), Set.of());

  public static RefreshSettings read(SettingsReader r) {
    return new RefreshSettings(r.bool("refresh.train-tokenizer"));
  }
}
