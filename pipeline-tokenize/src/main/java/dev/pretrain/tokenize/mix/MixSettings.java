package dev.pretrain.tokenize.mix;

import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code tokenize.mix} and {@code tokenize.max-tokens}: the sources of a weighted mix and the
 * token budget. An empty mix means a single {@code --input}; the budget then caps that input alone.
 *
 * @param sources in the order configured (the order of the manifest's {@code sources})
 * @param maxTokens the shards' tokens (end-of-text ids included), split between the sources by weight;
 *     empty: as many tokens as the sources hold together
 */
public record MixSettings(List<MixSource> sources, OptionalLong maxTokens) {
  static final List<String> KEYS = List.of("name", "input", "weight");
  private static final String MIX = "tokenize.mix";
  private static final String MAX_TOKENS = "tokenize.max-tokens";

  public MixSettings {
    sources = List.copyOf(sources);
  }

  public static MixSettings read(SettingsReader r) {
    List<MixSource> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SettingsReader e : r.sectionList(MIX, KEYS)) {
      String name = e.string("name", n -> n.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
          "letters, digits, '_', '.' or '-' (at most 64), starting with a letter or digit");
      e.check(names.add(name), "name", "must be unique among the sources of " + MIX);
      String input = e.string("input", i -> !i.isBlank(), "a curate output directory");
      // doubleIn's range check also refuses NaN and infinities; the bound keeps the sum of weights finite.
      double weight = e.doubleIn("weight", 0, 1e12);
      e.check(weight > 0, "weight", "must be greater than 0 (leave a source nobody wants out of the mix)");
      sources.add(new MixSource(name, input, weight));
    }
    OptionalLong maxTokens = r.optionalLongIn(MAX_TOKENS, 1, Long.MAX_VALUE);
    return new MixSettings(sources, maxTokens);
  }

  /** Whether the job mixes (several sources, or one with a budget) rather than tokenizing one input as it is. */
  public boolean mixes() {
    return !sources.isEmpty() || maxTokens.isPresent();
  }
}
