package dev.pretrain.dedup.filter;

import dev.pretrain.common.config.ClosestName;
import dev.pretrain.common.config.SettingsReader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One filter's section of the configuration, read by the filter's settings record with one
 * function for two cases: the filter's own section ({@code curate.filter.gopher-quality}), where
 * every key is read, and a language's overrides ({@code curate.filter.by-language.zh.gopher-quality}),
 * where the keys set there are read, with the same types and ranges, and the others are the
 * base settings' values. The keys a record reads are the keys the section knows: any other key set
 * in an override is reported, with the closest known one.
 *
 * @param <T> the settings record
 */
final class Section<T> {
  private final SettingsReader reader;
  private final String path;
  private final T base;
  private final Set<String> present;
  private final Set<String> known = new LinkedHashSet<>();

  private Section(SettingsReader reader, String path, T base, Set<String> present) {
    this.reader = reader;
    this.path = path;
    this.base = base;
    this.present = present;
  }

  /** A filter's own section at {@code path}: every key is read there. */
  static <T> Section<T> of(SettingsReader reader, String path) {
    return new Section<>(reader, path, null, null);
  }

  /**
   * A language's overrides at {@code path} of the keys {@code present} there; the other keys are
   * {@code base}'s.
   */
  static <T> Section<T> overriding(SettingsReader reader, String path, T base, Set<String> present) {
    return new Section<>(reader, path, base, Set.copyOf(present));
  }

  SettingsReader reader() {
    return reader;
  }

  /**
   * The value of {@code key}: read by {@code read} (a typed getter of the reader, given the
   * key's full path) where the section sets it, else the base's.
   */
  <V> V get(String key, Function<String, V> read, Function<T, V> inherited) {
    known.add(key);
    if (base == null || present.contains(key)) {
      return read.apply(path + "." + key);
    }
    return inherited.apply(base);
  }

  /**
   * A rule between {@code key} and {@code other}; a broken one is reported at {@code key}. In a
   * language's overrides it is checked only when the language sets one of the two (else the base
   * section broke it, and is reported there), at the section when it sets only {@code other}.
   */
  void check(boolean ok, String key, String other, String requirement) {
    if (base == null || present.contains(key)) {
      reader.check(ok, path + "." + key, requirement);
    } else if (present.contains(other)) {
      reader.check(ok, path, key + " must " + requirement);
    }
  }

  /** Reports every key set in this section that its record did not read (call after reading). */
  void rejectUnknownKeys() {
    if (present == null) {
      return;
    }
    for (String key : present) {
      if (!known.contains(key)) {
        String closest = ClosestName.of(key, known);
        reader.check(false, path + "." + key, "is not a key of " + path.substring(path.lastIndexOf('.') + 1)
            + (closest == null ? "" : "; did you mean '" + closest + "'?") + " Known keys: " + String.join(", ", known));
      }
    }
  }
}
