package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;

/**
 * The document-level rules of C4 (Raffel et al. 2020, section 2.2; TFDS {@code c4_utils}, as in
 * datatrove's {@code C4QualityFilter}). The line-level rules are a cleaner
 * ({@code dev.pretrain.dedup.clean.C4LineCleaner}).
 *
 * @param enabled whether the filter runs
 * @param loremIpsum drop a document containing "lorem ipsum" (any case)
 * @param curlyBracket drop a document containing "{" (C4 does; it also removes most code)
 */
public record C4PageSettings(boolean enabled, boolean loremIpsum, boolean curlyBracket) implements Serializable {

  public static C4PageSettings read(SettingsReader r) {
    String p = "curate.filter.c4-page.";
    return new C4PageSettings(r.bool(p + "enabled"), r.bool(p + "lorem-ipsum"), r.bool(p + "curly-bracket"));
  }
}
