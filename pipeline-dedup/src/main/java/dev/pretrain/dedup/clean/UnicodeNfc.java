package dev.pretrain.dedup.clean;

import java.text.Normalizer;

/** Unicode normalization form C, so the same text has one encoding (é is one char, not e + ◌́). */
public final class UnicodeNfc implements Cleaner {
  @Override
  public String name() {
    return "nfc";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    if (Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      return text;
    }
    counters.add("nfc.changed-documents", 1);
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }
}
