package dev.pretrain.tokenize.bpe;

import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.pretokenize.PieceSink;
import dev.pretrain.tokenize.pretokenize.PreTokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE tokenizer with HF {@code tokenizers} semantics: added tokens are cut out
 * first, the rest is pre-tokenized into pieces, each piece is spelled as UTF-8 bytes (one base
 * token per byte) and merged by merge rank ({@link BpeMerger}).
 *
 * <p>Immutable and thread-safe; each thread keeps its own merge buffers and a bounded piece → ids
 * cache ({@link PieceCache}).
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {
  private static final int CACHE_CAPACITY = 1 << 16;

  private final String name;
  private final String sha256;
  private final Map<String, Integer> vocab;
  private final int[] byteIds = new int[256];
  private final byte[][] tokenBytes;
  private final MergeTable merges;
  private final PreTokenizer preTokenizer;
  private final boolean addPrefixSpace;
  private final boolean ignoreMerges;
  private final AddedTokenMatcher addedTokens;
  private final Map<String, Integer> specialTokens;
  private final ThreadLocal<EncodeState> state;

  /**
   * @param vocab token (spelled in {@link ByteLevelAlphabet}) → id
   * @param merges pairs of vocabulary tokens, lowest rank first
   * @param addPrefixSpace prepend a space to text (and to each stretch between added tokens) that
   *     does not start with one, as HF's ByteLevel pre-tokenizer does
   * @param ignoreMerges emit a piece that is itself in the vocabulary as one token (HF's
   *     {@code ignore_merges}, set in Llama-3's file)
   * @throws IllegalArgumentException if the vocabulary is not byte-level or a merge is inconsistent
   */
  public ByteLevelBpeTokenizer(
      String name,
      String sha256,
      Map<String, Integer> vocab,
      List<String[]> merges,
      List<AddedToken> addedTokens,
      PreTokenizer preTokenizer,
      boolean addPrefixSpace,
      boolean ignoreMerges) {
    this.name = name;
    this.sha256 = sha256;
    this.vocab = Map.copyOf(vocab);
    this.preTokenizer = preTokenizer;
    this.addPrefixSpace = addPrefixSpace;
    this.ignoreMerges = ignoreMerges;

    int maxId = -1;
    for (int id : vocab.values()) {
      maxId = Math.max(maxId, id);
    }
    for (AddedToken t : addedTokens) {
      maxId = Math.max(maxId, t.id());
    }
    tokenBytes = new byte[maxId + 1][];
    Map<Integer, AddedToken> addedById = new HashMap<>();
    for (AddedToken t : addedTokens) {
      Integer inVocab = vocab.get(t.content());
      if (inVocab != null && inVocab != t.id()) {
        // HF would silently use the vocabulary's id; a file that disagrees with itself is refused.
        throw new IllegalArgumentException("added token '" + t.content() + "' has id " + t.id()
            + " but the vocabulary gives it " + inVocab);
      }
      addedById.put(t.id(), t);
      tokenBytes[t.id()] = t.content().getBytes(StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("vocabulary id " + e.getValue() + " of '" + e.getKey() + "' is negative");
      }
      byte[] bytes = ByteLevelAlphabet.decode(e.getKey());
      if (bytes == null) {
        if (addedById.containsKey(e.getValue())) {
          continue;
        }
        throw new IllegalArgumentException("not a byte-level BPE vocabulary: token '" + e.getKey()
            + "' (id " + e.getValue() + ") has characters outside the byte-level alphabet");
      }
      if (!addedById.containsKey(e.getValue())) {
        tokenBytes[e.getValue()] = bytes;
      }
    }
    for (int b = 0; b < 256; b++) {
      Integer id = vocab.get(String.valueOf(ByteLevelAlphabet.charOf(b)));
      if (id == null) {
        throw new IllegalArgumentException(String.format(
            "not a byte-level BPE vocabulary: byte 0x%02X (symbol '%s') has no token",
            b, ByteLevelAlphabet.charOf(b)));
      }
      byteIds[b] = id;
    }

    MergeTable.Builder table = new MergeTable.Builder();
    for (int rank = 0; rank < merges.size(); rank++) {
      String[] m = merges.get(rank);
      Integer left = vocab.get(m[0]);
      Integer right = vocab.get(m[1]);
      Integer merged = vocab.get(m[0] + m[1]);
      if (left == null || right == null || merged == null) {
        throw new IllegalArgumentException("merge " + rank + " '" + m[0] + " " + m[1]
            + "' uses or makes a token that is not in the vocabulary");
      }
      table.add(left, right, merged);
    }
    this.merges = table.build();

    this.addedTokens = new AddedTokenMatcher(addedTokens);
    Map<String, Integer> specials = new LinkedHashMap<>();
    for (AddedToken t : addedTokens) {
      if (t.special()) {
        specials.put(t.content(), t.id());
      }
    }
    this.specialTokens = Collections.unmodifiableMap(specials);
    this.state = ThreadLocal.withInitial(() -> new EncodeState(this.merges));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int vocabSize() {
    return tokenBytes.length;
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return specialTokens;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  public int mergeCount() {
    return merges.size();
  }

  @Override
  public int[] encode(String text) {
    EncodeState st = state.get();
    st.out.clear();
    int pos = 0;
    AddedTokenMatcher.Match m;
    while ((m = addedTokens.find(text, pos)) != null) {
      encodeSegment(text, pos, m.start(), st);
      st.out.add(m.token().id());
      pos = m.end();
    }
    encodeSegment(text, pos, text.length(), st);
    return st.out.toArray();
  }

  @Override
  public int[] encodeOrdinary(String text) {
    EncodeState st = state.get();
    st.out.clear();
    encodeSegment(text, 0, text.length(), st);
    return st.out.toArray();
  }

  @Override
  public String decode(int[] ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    for (int id : ids) {
      byte[] bytes = id >= 0 && id < tokenBytes.length ? tokenBytes[id] : null;
      if (bytes == null) {
        throw new IllegalArgumentException("id " + id + " is not in the vocabulary of " + name);
      }
      out.write(bytes, 0, bytes.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private void encodeSegment(String text, int start, int end, EncodeState st) {
    if (start >= end) {
      return;
    }
    if (addPrefixSpace && text.charAt(start) != ' ') {
      String spaced = " " + text.substring(start, end);
      preTokenizer.split(spaced, 0, spaced.length(), st.sink);
    } else {
      preTokenizer.split(text, start, end, st.sink);
    }
  }

  private void encodePiece(String text, int start, int end, EncodeState st) {
    int len = end - start;
    boolean cacheable = len <= PieceCache.MAX_PIECE_CHARS;
    int hash = 0;
    if (cacheable) {
      hash = PieceCache.hash(text, start, end);
      int[] hit = st.cache.get(text, start, end, hash);
      if (hit != null) {
        st.out.addAll(hit, hit.length);
        return;
      }
    }
    int n = spellBytes(text, start, end, st);
    int[] sym = st.symbols;
    if (ignoreMerges && n > 1) {
      char[] spelled = new char[n];
      for (int i = 0; i < n; i++) {
        spelled[i] = ByteLevelAlphabet.charOf(st.bytes[i] & 0xFF);
      }
      Integer whole = vocab.get(new String(spelled));
      if (whole != null) {
        sym[0] = whole;
        n = 1;
      }
    }
    n = st.merger.merge(sym, n);
    if (cacheable) {
      int[] ids = java.util.Arrays.copyOf(sym, n);
      st.cache.put(text.substring(start, end), ids);
    }
    st.out.addAll(sym, n);
  }

  /** UTF-8 bytes of the piece into {@code st.bytes}, their base token ids into {@code st.symbols}. */
  private int spellBytes(String text, int start, int end, EncodeState st) {
    st.reserve(3 * (end - start));
    byte[] bytes = st.bytes;
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else if (c < 0x800) {
        bytes[n++] = (byte) (0xC0 | (c >> 6));
        bytes[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw new IllegalArgumentException("text is not valid Unicode: unpaired surrogate U+"
              + Integer.toHexString(c).toUpperCase() + " at char " + i);
        }
        int cp = Character.toCodePoint(c, text.charAt(++i));
        bytes[n++] = (byte) (0xF0 | (cp >> 18));
        bytes[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[n++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        bytes[n++] = (byte) (0xE0 | (c >> 12));
        bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    int[] sym = st.symbols;
    for (int i = 0; i < n; i++) {
      sym[i] = byteIds[bytes[i] & 0xFF];
    }
    return n;
  }

  /** One thread's scratch space. */
  private final class EncodeState {
    final BpeMerger merger;
    final PieceCache cache = new PieceCache(CACHE_CAPACITY);
    final IntBuffer out = new IntBuffer();
    final PieceSink sink = (t, s, e) -> encodePiece(t, s, e, this);
    byte[] bytes = new byte[256];
    int[] symbols = new int[256];

    EncodeState(MergeTable merges) {
      this.merger = new BpeMerger(merges);
    }

    void reserve(int n) {
      if (bytes.length < n) {
        int capacity = Integer.highestOneBit(n - 1) << 1;
        bytes = new byte[capacity];
        symbols = new int[capacity];
      }
    }
  }

  @Override
  public String toString() {
    return "ByteLevelBpeTokenizer(" + name + ", vocab " + vocabSize() + ", merges " + merges.size() + ")";
  }
}
