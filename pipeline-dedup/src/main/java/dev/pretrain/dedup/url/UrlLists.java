package dev.pretrain.dedup.url;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * One loaded blocklist per JVM and configuration, as {@code LanguageDetectors} holds language
 * models: reading UT1's {@code adult} lists takes seconds and tens of MB, so an executor loads
 * them once, on first use, and every task of that JVM shares them (they are only read after
 * loading). Loading happens under the map's lock: concurrent first tasks wait for one load.
 */
final class UrlLists {
  private UrlLists() {}

  private record Key(String blocklist, List<String> categories) {}

  private static final Map<Key, Ut1Blocklist> LOADED = new ConcurrentHashMap<>();

  static Ut1Blocklist get(UrlFilterSettings settings, Configuration hadoop) {
    return LOADED.computeIfAbsent(new Key(settings.blocklist(), settings.categories()), key -> {
      try {
        return Ut1Blocklist.load(key.blocklist(), key.categories(), hadoop);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the URL blocklist " + key.blocklist(), e);
      }
    });
  }
}
