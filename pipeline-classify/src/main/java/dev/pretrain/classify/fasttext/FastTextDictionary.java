package dev.pretrain.classify.fasttext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fastText dictionary (dictionary.cc): the words, then the labels, each with its count, as the
 * model file lists them, and optionally the prune index of a model quantized with
 * {@code -cutoff}. Word {@code i} is input row {@code i}; label {@code j} (entry
 * {@code wordCount() + j}) is output row {@code j}. Hash buckets (word n-grams and character
 * n-grams) follow the words in the input matrix: rows {@code wordCount() + b} for bucket b.
 *
 * <p>Immutable and safe to share between threads. Words are kept as the bytes fastText stored
 * (UTF-8 in practice, but fastText never checks), looked up by {@link FastTextHash} in an
 * open-addressing table. For a model with subwords, each word's rows (itself, then its character
 * n-grams) are computed once here, as fastText's {@code initNgrams} does.
 */
public final class FastTextDictionary {
  /** The token fastText reads at the end of every line, and the dictionary entry for it. */
  public static final String EOS = "</s>";
  /**
   * The prefix that makes a token a label. fastText's {@code -label} option can change it, but the
   * model file does not store it, so fastText itself reads every model with this default.
   */
  public static final String LABEL_PREFIX = "__label__";

  static final byte[] EOS_BYTES = EOS.getBytes(StandardCharsets.US_ASCII);
  static final byte[] LABEL_PREFIX_BYTES = LABEL_PREFIX.getBytes(StandardCharsets.US_ASCII);

  /** fastText's {@code entry_type}, with the byte its files store. */
  public enum EntryType {
    WORD,
    LABEL;

    /** The value fastText writes ({@code entry_type::word = 0, label = 1}). */
    public int code() {
      return ordinal();
    }
  }

  /**
   * One dictionary entry.
   *
   * @param word the token's bytes as fastText stores them (without the terminating NUL)
   * @param count how often it occurred in the training text
   * @param type word or label
   */
  public record Entry(byte[] word, long count, EntryType type) {
    public Entry {
      Objects.requireNonNull(word, "word");
      Objects.requireNonNull(type, "type");
      for (byte b : word) {
        if (b == 0) {
          throw new IllegalArgumentException("a dictionary entry cannot hold a NUL byte (it ends the entry in the file)");
        }
      }
    }

    /** An entry for a word or label given as text (stored as UTF-8). */
    public static Entry of(String word, long count, EntryType type) {
      return new Entry(word.getBytes(StandardCharsets.UTF_8), count, type);
    }

    /** The token as text (its bytes decoded as UTF-8; invalid sequences become U+FFFD). */
    public String text() {
      return new String(word, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && Arrays.equals(word, e.word) && count == e.count && type == e.type;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(word) * 31 + Long.hashCode(count) * 7 + type.hashCode();
    }

    @Override
    public String toString() {
      return type.name().toLowerCase() + " " + text() + " (" + count + ")";
    }
  }

  private final List<Entry> entries;
  private final int nwords;
  private final int nlabels;
  private final long tokenCount;
  private final PruneIndex pruneIndex; // null: not pruned
  private final List<String> labels;

  // Lookup: the entries' bytes back to back, and a power-of-two open-addressing table whose slots
  // hold an entry's hash (high half) and id (low half), so a probe rejects other words without
  // reading their bytes; -1 marks an empty slot (ids are never -1).
  private final byte[] pool;
  private final int[] start;
  private final long[] table;
  private final int mask;

  // Rows of each word when the model uses subwords: rows[wordRowStart[i], wordRowStart[i + 1]).
  private final int[] wordRowStart;
  private final int[] wordRows;
  private final BucketRows bucketRows;
  private final Subwords subwords;

  private FastTextDictionary(FastTextArgs args, List<Entry> entries, long tokenCount, PruneIndex pruneIndex) {
    this.entries = List.copyOf(entries);
    this.tokenCount = tokenCount;
    this.pruneIndex = pruneIndex;
    int words = 0;
    while (words < this.entries.size() && this.entries.get(words).type() == EntryType.WORD) {
      words++;
    }
    for (int i = words; i < this.entries.size(); i++) {
      if (this.entries.get(i).type() != EntryType.LABEL) {
        throw new IllegalArgumentException("entry " + i + " (" + this.entries.get(i)
            + ") is a word after the first label; fastText lists every word before the labels");
      }
    }
    this.nwords = words;
    this.nlabels = this.entries.size() - words;

    int bytes = 0;
    for (Entry e : this.entries) {
      bytes = Math.addExact(bytes, e.word().length);
    }
    pool = new byte[bytes];
    start = new int[this.entries.size() + 1];
    int capacity = Integer.highestOneBit(Math.max(4, this.entries.size() * 2 - 1)) << 1;
    table = new long[capacity];
    mask = capacity - 1;
    Arrays.fill(table, -1L);
    List<String> labelNames = new ArrayList<>(nlabels);
    for (int id = 0; id < this.entries.size(); id++) {
      byte[] word = this.entries.get(id).word();
      System.arraycopy(word, 0, pool, start[id], word.length);
      start[id + 1] = start[id] + word.length;
      int hash = FastTextHash.of(word, 0, word.length);
      if (find(pool, start[id], start[id + 1], hash) >= 0) {
        throw new IllegalArgumentException("the dictionary lists " + this.entries.get(id).text() + " twice");
      }
      int slot = hash & mask;
      while (table[slot] != -1L) {
        slot = (slot + 1) & mask;
      }
      table[slot] = ((long) hash << 32) | id;
      if (id >= nwords) {
        labelNames.add(this.entries.get(id).text());
      }
    }
    this.labels = Collections.unmodifiableList(labelNames);

    bucketRows = new BucketRows(nwords, args.bucket(), pruneIndex);
    subwords = new Subwords(args.minn(), args.maxn(), bucketRows);
    if (args.usesSubwords()) {
      IntList rows = new IntList(nwords * 8);
      wordRowStart = new int[nwords + 1];
      byte[] marked = new byte[64];
      for (int id = 0; id < nwords; id++) {
        rows.add(id);
        if (!isEos(pool, start[id], start[id + 1])) {
          int length = start[id + 1] - start[id] + 2;
          if (marked.length < length) {
            marked = new byte[length * 2];
          }
          marked[0] = Subwords.BOW;
          System.arraycopy(pool, start[id], marked, 1, length - 2);
          marked[length - 1] = Subwords.EOW;
          subwords.add(marked, length, rows);
        }
        wordRowStart[id + 1] = rows.size();
      }
      wordRows = rows.toArray();
    } else {
      wordRowStart = null;
      wordRows = null;
    }
  }

  /**
   * A dictionary of these entries: every word, then every label, none twice.
   *
   * @param args the model's arguments (its subword lengths and bucket count decide each word's rows)
   * @param tokenCount tokens in the training text (fastText's {@code ntokens}, stored in the file)
   * @param pruneIndex the prune index of a model quantized with {@code -cutoff}, or null
   */
  public static FastTextDictionary of(FastTextArgs args, List<Entry> entries, long tokenCount, PruneIndex pruneIndex) {
    return new FastTextDictionary(args, entries, tokenCount, pruneIndex);
  }

  /** Entries, words and labels together ({@code size_}). */
  public int size() {
    return entries.size();
  }

  /** Words, which are input rows {@code [0, wordCount())} ({@code nwords_}). */
  public int wordCount() {
    return nwords;
  }

  /** Labels, which are output rows ({@code nlabels_}). */
  public int labelCount() {
    return nlabels;
  }

  /** Tokens in the training text ({@code ntokens_}). */
  public long tokenCount() {
    return tokenCount;
  }

  /** Every entry in file order: the words, then the labels. */
  public List<Entry> entries() {
    return entries;
  }

  /** Entry {@code id}. */
  public Entry entry(int id) {
    return entries.get(id);
  }

  /** Label {@code labelId} (0-based among the labels), e.g. {@code __label__en}. */
  public String label(int labelId) {
    return labels.get(labelId);
  }

  /** The labels in label-id order. */
  public List<String> labels() {
    return labels;
  }

  /** How often each label occurred in the training text, in label-id order (hs builds its tree from these). */
  public long[] labelCounts() {
    long[] counts = new long[nlabels];
    for (int i = 0; i < nlabels; i++) {
      counts[i] = entries.get(nwords + i).count();
    }
    return counts;
  }

  /** The id of a word or label, or -1. */
  public int id(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    return find(bytes, 0, bytes.length, FastTextHash.of(bytes, 0, bytes.length));
  }

  /** The prune index, for a model quantized with {@code -cutoff}. */
  public Optional<PruneIndex> pruneIndex() {
    return Optional.ofNullable(pruneIndex);
  }

  /**
   * The input rows a dictionary word contributes in a model with subwords: the word's own row, then
   * its character n-grams' (fastText's {@code getSubwords(id)}); just the word's row without subwords.
   */
  public int[] wordRows(int wordId) {
    Objects.checkIndex(wordId, nwords);
    return wordRows == null ? new int[] {wordId} : Arrays.copyOfRange(wordRows, wordRowStart[wordId], wordRowStart[wordId + 1]);
  }

  /** The id of {@code text[from, to)} whose {@link FastTextHash} is {@code hash}, or -1. */
  int find(byte[] text, int from, int to, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = table[slot];
      if (entry == -1L) {
        return -1;
      }
      if ((int) (entry >>> 32) == hash) {
        int id = (int) entry;
        if (Arrays.equals(pool, start[id], start[id + 1], text, from, to)) {
          return id;
        }
      }
    }
  }

  /** Adds word {@code id}'s input rows (see {@link #wordRows}). */
  void addWordRows(int id, IntList out) {
    if (wordRows == null) {
      out.add(id);
    } else {
      out.addAll(wordRows, wordRowStart[id], wordRowStart[id + 1]);
    }
  }

  BucketRows bucketRows() {
    return bucketRows;
  }

  Subwords subwords() {
    return subwords;
  }

  static boolean isEos(byte[] text, int from, int to) {
    return Arrays.equals(text, from, to, EOS_BYTES, 0, EOS_BYTES.length);
  }

  static boolean isLabelToken(byte[] text, int from, int to) {
    int n = LABEL_PREFIX_BYTES.length;
    return to - from >= n && Arrays.equals(text, from, from + n, LABEL_PREFIX_BYTES, 0, n);
  }
}
