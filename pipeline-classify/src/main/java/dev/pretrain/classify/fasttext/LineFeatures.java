package dev.pretrain.classify.fasttext;

/**
 * The input rows and labels of one line of text, as fastText's supervised {@code Dictionary::getLine}
 * (dictionary.cc, 0.9.2) computes them from a stream.
 *
 * <p>Tokens: bytes between separators, which are exactly {@code ' '}, {@code '\n'}, {@code '\r'},
 * {@code '\t'}, {@code '\v'}, {@code '\f'} and NUL (not Unicode spaces: a no-break space is part of
 * a token). A newline is itself the token {@code </s>}, and the line ends after the first
 * {@code </s>}, whether a newline or the literal token. Per token, with h its {@link FastTextHash}:
 * <ul>
 *   <li>a dictionary word adds its rows (itself, plus its character n-grams when the model uses
 *       subwords) and h;</li>
 *   <li>a word not in the dictionary adds its character n-grams only (none without subwords, none
 *       for {@code </s>}) and h;</li>
 *   <li>a dictionary label is recorded as a label; a token starting with {@code __label__} that is
 *       not in the dictionary is dropped.</li>
 * </ul>
 * Then word n-grams: for each word position i and n in 2..wordNgrams, the 64-bit hash
 * {@code g = h[i]; g = g * 116049371 + h[j]} over the next words, with each h sign-extended from
 * 32 bits as fastText's {@code int32_t} to {@code uint64_t} conversion does, adds bucket
 * {@code g mod bucket} (unsigned).
 *
 * <p>Not thread-safe: one per thread, reused from line to line (nothing is allocated per token once
 * the buffers have grown to the longest line).
 */
public final class LineFeatures {
  /** fastText's multiplier for word n-gram hashes ({@code Dictionary::addWordNgrams}). */
  static final long WORD_NGRAM_MULTIPLIER = 116049371L;

  private static final boolean[] SEPARATOR = new boolean[256];
  private static final int EOS_HASH = FastTextHash.of(FastTextDictionary.EOS_BYTES, 0, FastTextDictionary.EOS_BYTES.length);

  static {
    for (char c : new char[] {' ', '\n', '\r', '\t', 0x0B, '\f', 0}) {
      SEPARATOR[c] = true;
    }
  }

  private final FastTextDictionary dictionary;
  private final int wordNgrams;
  private final int bucket;
  private final boolean usesSubwords;
  private final IntList rows = new IntList(256);
  private final IntList labels = new IntList(4);
  private final IntList wordHashes = new IntList(256);
  private byte[] marked = new byte[64];
  private int tokens;

  public LineFeatures(FastTextDictionary dictionary, FastTextArgs args) {
    this.dictionary = dictionary;
    this.wordNgrams = args.wordNgrams();
    this.bucket = args.bucket();
    this.usesSubwords = args.usesSubwords();
  }

  /**
   * Reads one line from {@code text[from, to)} as fastText reads its next line from a stream, and
   * returns where the next line starts: after the first {@code </s>} (a newline, or the literal
   * token), or {@code to}. When the text ends before any {@code </s>}, fastText would end the
   * line without one (as for a file's last line without a newline); with
   * {@code endOfLineAtEnd} the line gets its {@code </s>} there, as fastText's Python
   * {@code predict} does by appending a newline to the text it is given.
   */
  public int read(byte[] text, int from, int to, boolean endOfLineAtEnd) {
    rows.clear();
    labels.clear();
    wordHashes.clear();
    tokens = 0;
    int pos = from;
    boolean ended = false;
    while (!ended) {
      while (pos < to && text[pos] != '\n' && SEPARATOR[text[pos] & 0xFF]) {
        pos++;
      }
      if (pos == to) {
        if (endOfLineAtEnd) {
          token(FastTextDictionary.EOS_BYTES, 0, FastTextDictionary.EOS_BYTES.length, EOS_HASH);
        }
        break;
      }
      if (text[pos] == '\n') {
        pos++;
        ended = token(FastTextDictionary.EOS_BYTES, 0, FastTextDictionary.EOS_BYTES.length, EOS_HASH);
      } else {
        int start = pos;
        int hash = FastTextHash.OFFSET_BASIS;
        byte b;
        while (pos < to && !SEPARATOR[(b = text[pos]) & 0xFF]) {
          hash = FastTextHash.step(hash, b);
          pos++;
        }
        ended = token(text, start, pos, hash);
      }
    }
    addWordNgrams();
    return pos;
  }

  /**
   * Whether fastText ends a token at this byte ({@code Dictionary::readWord}): space, newline,
   * carriage return, tab, vertical tab, form feed or NUL; a newline is also the token {@code </s>}.
   */
  public static boolean isSeparator(byte b) {
    return SEPARATOR[b & 0xFF];
  }

  /** Handles one token, whose hash is given; true when it is {@code </s>}, which ends the line. */
  private boolean token(byte[] text, int from, int to, int hash) {
    tokens++;
    int id = dictionary.find(text, from, to, hash);
    boolean word = id >= 0 ? id < dictionary.wordCount() : !FastTextDictionary.isLabelToken(text, from, to);
    boolean eos = hash == EOS_HASH && FastTextDictionary.isEos(text, from, to);
    if (word) {
      if (id >= 0) {
        dictionary.addWordRows(id, rows);
      } else if (usesSubwords && !eos) {
        addSubwords(text, from, to);
      }
      wordHashes.add(hash);
    } else if (id >= 0) {
      labels.add(id - dictionary.wordCount());
    }
    return eos;
  }

  private void addSubwords(byte[] text, int from, int to) {
    int length = to - from + 2;
    if (marked.length < length) {
      marked = new byte[Math.max(length, marked.length * 2)];
    }
    marked[0] = Subwords.BOW;
    System.arraycopy(text, from, marked, 1, to - from);
    marked[length - 1] = Subwords.EOW;
    dictionary.subwords().add(marked, length, rows);
  }

  private void addWordNgrams() {
    int n = wordHashes.size();
    int[] h = wordHashes.array();
    BucketRows buckets = dictionary.bucketRows();
    for (int i = 0; i < n; i++) {
      long g = h[i];
      for (int j = i + 1; j < n && j < i + wordNgrams; j++) {
        g = g * WORD_NGRAM_MULTIPLIER + h[j];
        buckets.add((int) Long.remainderUnsigned(g, bucket), rows);
      }
    }
  }

  /** The input rows of the line read last, in fastText's order; valid until the next {@link #read}. */
  public int[] rows() {
    return rows.array();
  }

  /** How many of {@link #rows()} belong to the line. */
  public int rowCount() {
    return rows.size();
  }

  /** The label ids (0-based among the labels) the line named, in order. */
  public int[] labels() {
    return labels.toArray();
  }

  /** Tokens read, {@code </s>} and labels included (fastText's {@code ntokens} of the line). */
  public int tokenCount() {
    return tokens;
  }
}
