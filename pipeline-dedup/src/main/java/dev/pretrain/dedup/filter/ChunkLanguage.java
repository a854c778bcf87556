package dev.pretrain.dedup.filter;

/**
 * The most likely language of one chunk of a document, by one engine ({@link LanguageSettings.Engine}).
 * {@link LanguageFilter} turns the chunks' languages into a document's confidence. Instances may
 * keep scratch state: one per thread.
 */
interface ChunkLanguage {
  /** @return the ISO 639-1 code of the most likely language, or null when the engine finds none */
  String of(String chunk);

  static ChunkLanguage of(LanguageSettings settings) {
    return switch (settings.engine()) {
      case LANGID -> new LangidChunkLanguage(settings);
      case LINGUA -> new LinguaChunkLanguage(settings);
      case FASTTEXT -> throw new IllegalArgumentException("a fastText model scores a whole text, not chunks");
    };
  }
}
