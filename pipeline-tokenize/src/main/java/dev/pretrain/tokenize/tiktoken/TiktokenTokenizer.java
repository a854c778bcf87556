package dev.pretrain.tokenize.tiktoken;

import dev.pretrain.common.io.Sha256;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.bpe.AddedToken;
import dev.pretrain.tokenize.bpe.AddedTokenMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's tiktoken vocabularies through JTokkit (rank-based BPE, ids identical to tiktoken).
 * Special tokens are matched here, not by JTokkit (whose {@code encode} rejects them), so
 * {@link #encode} behaves like the HF encoder's.
 */
public final class TiktokenTokenizer implements Tokenizer {
  /** Vocabularies by name with their special tokens (tiktoken_ext/openai_public.py). */
  public enum Vocabulary {
    R50K_BASE("r50k_base", 50257, Map.of("<|endoftext|>", 50256)),
    CL100K_BASE("cl100k_base", 100277, orderedMap(
        "<|endoftext|>", 100257, "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259,
        "<|fim_suffix|>", 100260, "<|endofprompt|>", 100276)),
    O200K_BASE("o200k_base", 200019, orderedMap("<|endoftext|>", 199999, "<|endofprompt|>", 200018));

    final String tiktokenName;
    final int vocabSize;
    final Map<String, Integer> specials;

    Vocabulary(String tiktokenName, int vocabSize, Map<String, Integer> specials) {
      this.tiktokenName = tiktokenName;
      this.vocabSize = vocabSize;
      this.specials = specials;
    }

    public static Vocabulary named(String name) {
      for (Vocabulary v : values()) {
        if (v.tiktokenName.equals(name)) {
          return v;
        }
      }
      List<String> known = new ArrayList<>();
      for (Vocabulary v : values()) {
        known.add(v.tiktokenName);
      }
      throw new IllegalArgumentException("unknown tiktoken vocabulary '" + name + "'; known: " + known);
    }
  }

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final Vocabulary vocabulary;
  private final Encoding encoding;
  private final AddedTokenMatcher specialMatcher;
  private final Map<Integer, byte[]> specialBytes = new HashMap<>();
  private final String sha256;

  public TiktokenTokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.encoding = REGISTRY.getEncoding(vocabulary.tiktokenName)
        .orElseThrow(() -> new IllegalStateException("JTokkit has no encoding " + vocabulary.tiktokenName));
    List<AddedToken> specials = new ArrayList<>();
    vocabulary.specials.forEach((text, id) -> {
      specials.add(AddedToken.special(id, text));
      specialBytes.put(id, text.getBytes(StandardCharsets.UTF_8));
    });
    this.specialMatcher = new AddedTokenMatcher(specials);
    this.sha256 = rankFileSha256(vocabulary.tiktokenName);
  }

  @Override
  public String name() {
    return "tiktoken:" + vocabulary.tiktokenName;
  }

  @Override
  public int[] encode(String text) {
    AddedTokenMatcher.Match m = specialMatcher.find(text, 0);
    if (m == null) {
      return encodeOrdinary(text);
    }
    IntArrayList out = new IntArrayList();
    int pos = 0;
    for (; m != null; m = specialMatcher.find(text, pos)) {
      appendOrdinary(text.substring(pos, m.start()), out);
      out.add(m.token().id());
      pos = m.end();
    }
    appendOrdinary(text.substring(pos), out);
    return out.toArray();
  }

  @Override
  public int[] encodeOrdinary(String text) {
    checkUnicode(text);
    return encoding.encodeOrdinary(text).toArray();
  }

  private void appendOrdinary(String segment, IntArrayList out) {
    for (int id : encodeOrdinary(segment)) {
      out.add(id);
    }
  }

  @Override
  public String decode(int[] ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    IntArrayList run = new IntArrayList();
    for (int id : ids) {
      byte[] special = specialBytes.get(id);
      if (special == null) {
        if (id < 0 || id >= vocabulary.vocabSize) {
          throw new IllegalArgumentException("id " + id + " is not in the vocabulary of " + name());
        }
        run.add(id);
        continue;
      }
      flush(run, out);
      out.write(special, 0, special.length);
    }
    flush(run, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private void flush(IntArrayList run, ByteArrayOutputStream out) {
    if (!run.isEmpty()) {
      byte[] bytes = encoding.decodeBytes(run);
      out.write(bytes, 0, bytes.length);
      run.clear();
    }
  }

  @Override
  public int vocabSize() {
    return vocabulary.vocabSize;
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return vocabulary.specials;
  }

  /** SHA-256 of the {@code .tiktoken} rank file JTokkit ships (its specials are fixed by the name). */
  @Override
  public String sha256() {
    return sha256;
  }

  private static void checkUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException("text is not valid Unicode: unpaired surrogate U+"
              + Integer.toHexString(c).toUpperCase() + " at char " + i);
        }
      }
    }
  }

  private static String rankFileSha256(String name) {
    String resource = "/com/knuddels/jtokkit/" + name + ".tiktoken";
    try (InputStream in = Encodings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("JTokkit jar lacks " + resource);
      }
      MessageDigest sha = Sha256.digest();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static Map<String, Integer> orderedMap(Object... keysAndValues) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return name();
  }
}
