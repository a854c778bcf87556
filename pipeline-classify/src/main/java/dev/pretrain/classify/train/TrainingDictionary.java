package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.FastTextArgs;
import dev.pretrain.classify.fasttext.FastTextDictionary;
import dev.pretrain.classify.fasttext.FastTextDictionary.Entry;
import dev.pretrain.classify.fasttext.FastTextDictionary.EntryType;
import dev.pretrain.classify.fasttext.LineFeatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionary fastText builds from its training file ({@code Dictionary::readFromFile} then
 * {@code threshold}, dictionary.cc 0.9.2): every token between fastText's separators is counted,
 * plus one {@code </s>} per line; tokens starting with {@code __label__} are labels; words seen
 * fewer than {@code minCount} times are dropped, labels never are (fastText's {@code minCountLabel}
 * default); words come first, then labels, each by descending count. fastText's sort is not stable,
 * so its order among equal counts is unspecified; here they keep the order of first appearance.
 * fastText's guard against more than 22.5 million distinct words (raising the threshold as it reads)
 * is not needed at the sizes a driver holds.
 */
final class TrainingDictionary {
  private TrainingDictionary() {}

  static FastTextDictionary build(List<byte[]> lines, FastTextArgs args) {
    Map<String, long[]> counts = new HashMap<>();
    List<String> firstSeen = new ArrayList<>();
    long tokens = 0;
    for (byte[] line : lines) {
      int pos = 0;
      while (pos < line.length) {
        while (pos < line.length && LineFeatures.isSeparator(line[pos])) {
          pos++;
        }
        int start = pos;
        while (pos < line.length && !LineFeatures.isSeparator(line[pos])) {
          pos++;
        }
        if (pos > start) {
          count(new String(line, start, pos - start, StandardCharsets.UTF_8), counts, firstSeen);
          tokens++;
        }
      }
      count(FastTextDictionary.EOS, counts, firstSeen);
      tokens++;
    }
    List<Entry> words = new ArrayList<>();
    List<Entry> labels = new ArrayList<>();
    for (String token : firstSeen) {
      long count = counts.get(token)[0];
      if (token.startsWith(FastTextDictionary.LABEL_PREFIX)) {
        labels.add(Entry.of(token, count, EntryType.LABEL));
      } else if (count >= args.minCount()) {
        words.add(Entry.of(token, count, EntryType.WORD));
      }
    }
    Comparator<Entry> byCount = Comparator.comparingLong(Entry::count).reversed();
    words.sort(byCount); // List.sort is stable: first appearance breaks ties
    labels.sort(byCount);
    List<Entry> entries = new ArrayList<>(words);
    entries.addAll(labels);
    return FastTextDictionary.of(args, entries, tokens, null);
  }

  private static void count(String token, Map<String, long[]> counts, List<String> firstSeen) {
    long[] c = counts.get(token);
    if (c == null) {
      counts.put(token, new long[] {1});
      firstSeen.add(token);
    } else {
      c[0]++;
    }
  }
}
