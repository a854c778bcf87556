package dev.pretrain.dedup.job;

import dev.pretrain.dedup.CurateSettings;

import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.dedup.clean.CleanChain;
import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.filter.FilterChain;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.filter.Verdict;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.ExactKey;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import java.util.Iterator;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-document work, in executors: clean, filter, identify the language, and for kept documents the exact key and
 * MinHash band keys. Settings travel as config text and are rebuilt once per partition, with
 * fresh (not thread-safe) hashing buffers.
 */
final class PerDocument implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final String CLEAN = "clean";
  static final String FILTER = "filter";

  private final String portableConfig;

  PerDocument(String portableConfig) {
    this.portableConfig = portableConfig;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> documents) {
    SettingsReader reader = LoadedConfig.fromPortable(portableConfig, CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    CleanChain clean = CleanChain.of(settings.clean());
    FilterChain filter = FilterChain.of(settings.filter());
    Optional<LanguageFilter> language = settings.filter().languageFilter();
    MinHasher minHasher = new MinHasher(settings.minhash());
    DedupNormalizer normalizer = new DedupNormalizer();
    long[] keys = new long[minHasher.bands()];
    long[] signature = new long[settings.minhash().permutations()];
    boolean jvmBandKeys = settings.minhash().implementation() == MinHashSettings.Implementation.JVM;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return documents.hasNext();
      }

      @Override
      public Row next() {
        Row doc = documents.next();
        String original = doc.getString(doc.fieldIndex("text"));
        CleanCounters counters = new CleanCounters();
        String cleaned = clean.apply(original, counters);
        String stage = null;
        String reason = null;
        String rule = null;
        Double value = null;
        String lang = null;
        String exactKey = null;
        Long[] bandKeys = null;
        if (cleaned.isBlank()) {
          stage = CLEAN;
          reason = "empty-after-cleaning";
        } else {
          Verdict verdict = filter.apply(cleaned);
          if (verdict.kept() && language.isPresent()) {
            LanguageFilter.Identification found = language.get().identify(cleaned);
            lang = found.code();
            verdict = language.get().verdict(found);
          }
          if (!verdict.kept()) {
            stage = FILTER;
            reason = verdict.reason();
            rule = verdict.rule();
            value = verdict.measured();
          } else {
            // Normalized once, for both the exact key and the signature.
            int normalized = normalizer.normalize(cleaned);
            exactKey = ExactKey.ofNormalized(normalizer.buffer(), normalized).hex();
            // curate.minhash.implementation = sql: band keys come later from SqlMinHash (CurateJob).
            if (jvmBandKeys && minHasher.signNormalized(normalizer.buffer(), normalized, signature)) {
              minHasher.bandKeys(signature, keys);
              bandKeys = new Long[keys.length];
              for (int i = 0; i < keys.length; i++) {
                bandKeys[i] = keys[i];
              }
            }
          }
        }
        return RowFactory.create(
            doc.getString(doc.fieldIndex("id")),
            // Only rejected/ needs the original; the cleaned text is what kept documents carry on.
            stage == null ? null : original,
            stage == null ? cleaned : null,
            Utf8Bytes.of(original),
            stage == null ? Utf8Bytes.of(cleaned) : null,
            doc.get(doc.fieldIndex("source")),
            doc.get(doc.fieldIndex("url")),
            stage == null ? lang : null,
            doc.get(doc.fieldIndex("meta")),
            doc.getString(doc.fieldIndex("file")),
            doc.getLong(doc.fieldIndex("offset")),
            stage,
            reason,
            rule,
            value,
            scala.collection.JavaConverters.mapAsScalaMapConverter(counters.asMap()).asScala(),
            exactKey,
            bandKeys);
      }
    };
  }
}
