package dev.pretrain.dedup.filter;

import java.io.Serializable;

/**
 * The settings of the language-dependent filters for the documents of one language: the base
 * settings ({@code curate.filter.gopher-quality} and the others, tuned for English) with that
 * language's overrides from {@code curate.filter.by-language.<code>} (see {@link ByLanguageSettings}).
 *
 * @param wordUnits what a word is in this language
 */
public record LanguageProfile(
    WordUnits wordUnits,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality) implements Serializable {

  /** This profile for a language without a stop-word list of its own. */
  LanguageProfile withoutStopWords() {
    return new LanguageProfile(wordUnits, gopherQuality.withoutStopWords(), gopherRepetition, finewebQuality);
  }
}
