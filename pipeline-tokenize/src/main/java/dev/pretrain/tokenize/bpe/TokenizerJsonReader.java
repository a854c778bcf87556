package dev.pretrain.tokenize.bpe;

import dev.pretrain.common.io.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.tokenize.pretokenize.PreTokenizer;
import dev.pretrain.tokenize.pretokenize.RegexSplitter;
import dev.pretrain.tokenize.pretokenize.SplitPatterns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Loads a HuggingFace {@code tokenizer.json} that describes a byte-level BPE, and refuses every
 * other kind with a message naming what it found: WordPiece/Unigram/WordLevel models, Metaspace
 * (SentencePiece-style) pre-tokenizers or decoders, normalizers, BPE options byte-level files do
 * not use (dropout, subword prefixes/suffixes, byte fallback).
 *
 * <p>Accepted pre-tokenizers: {@code ByteLevel} (GPT-2 regex when {@code use_regex}, optional
 * {@code add_prefix_space}), or a {@code Sequence} of {@code Split} (regex or string, behaviour
 * {@code Isolated}, not inverted) steps followed by {@code ByteLevel} (Llama-3 and cl100k-style
 * files). The post-processor is ignored: the pipeline encodes without adding special tokens.
 */
public final class TokenizerJsonReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenizerJsonReader() {}

  /** Reads a tokenizer.json, or a gzipped one if the name ends in {@code .gz}. */
  public static ByteLevelBpeTokenizer read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IOException("tokenizer file not found: " + path);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = path.getFileName().toString().endsWith(".gz")
          ? new GZIPInputStream(in).readAllBytes()
          : in.readAllBytes();
    }
    return parse(bytes, path.getFileName().toString());
  }

  /** Parses tokenizer.json bytes; {@code sha256()} of the result is the SHA-256 of these bytes. */
  public static ByteLevelBpeTokenizer parse(byte[] json, String name) throws IOException {
    JsonNode root = JSON.readTree(json);
    String where = name;
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(where + ": not a tokenizer.json (no JSON object)");
    }
    JsonNode normalizer = root.path("normalizer");
    if (!normalizer.isMissingNode() && !normalizer.isNull() && !isEmptySequence(normalizer, "normalizers")) {
      throw new IllegalArgumentException(where + ": normalizer " + typeOf(normalizer)
          + " changes the text; only byte-level BPE without a normalizer is supported");
    }

    JsonNode model = root.path("model");
    String modelType = model.path("type").asText("");
    if (modelType.isEmpty() && model.has("merges")) {
      modelType = "BPE"; // files written by early tokenizers versions omit the type
    }
    if (!"BPE".equals(modelType)) {
      throw new IllegalArgumentException(where + ": model type '" + modelType
          + "' is not supported; only byte-level BPE (e.g. GPT-2, Llama-3, cl100k-style) is");
    }
    requireAbsent(model, "dropout", where);
    requireEmptyString(model, "continuing_subword_prefix", where);
    requireEmptyString(model, "end_of_word_suffix", where);
    if (model.path("byte_fallback").asBoolean(false)) {
      throw new IllegalArgumentException(where + ": BPE with byte_fallback is SentencePiece-style,"
          + " not byte-level BPE");
    }
    boolean ignoreMerges = model.path("ignore_merges").asBoolean(false);

    JsonNode decoder = root.path("decoder");
    if (!decoder.isMissingNode() && !decoder.isNull() && !"ByteLevel".equals(typeOf(decoder))) {
      throw new IllegalArgumentException(where + ": decoder " + typeOf(decoder)
          + " is not ByteLevel; only byte-level BPE is supported");
    }

    PreTokenizerSpec pre = preTokenizer(root.path("pre_tokenizer"), where);

    Map<String, Integer> vocab = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = model.path("vocab").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    if (vocab.isEmpty()) {
      throw new IllegalArgumentException(where + ": model has no vocab");
    }
    List<String[]> merges = new ArrayList<>();
    for (JsonNode m : model.path("merges")) {
      merges.add(merge(m, merges.size(), where));
    }

    List<AddedToken> added = new ArrayList<>();
    for (JsonNode t : root.path("added_tokens")) {
      added.add(new AddedToken(
          t.path("id").asInt(),
          t.path("content").asText(),
          t.path("special").asBoolean(false),
          t.path("lstrip").asBoolean(false),
          t.path("rstrip").asBoolean(false),
          t.path("single_word").asBoolean(false)));
    }
    return new ByteLevelBpeTokenizer(
        name, sha256(json), vocab, merges, added, pre.splitter, pre.addPrefixSpace, ignoreMerges);
  }

  private record PreTokenizerSpec(PreTokenizer splitter, boolean addPrefixSpace) {}

  private static PreTokenizerSpec preTokenizer(JsonNode node, String where) {
    String type = typeOf(node);
    if ("ByteLevel".equals(type)) {
      return new PreTokenizerSpec(byteLevel(node), node.path("add_prefix_space").asBoolean(false));
    }
    if ("Sequence".equals(type)) {
      JsonNode steps = node.path("pretokenizers");
      int n = steps.size();
      if (n == 0 || !"ByteLevel".equals(typeOf(steps.get(n - 1)))) {
        throw new IllegalArgumentException(where + ": pre-tokenizer Sequence must end with ByteLevel"
            + " for byte-level BPE, found " + describe(steps));
      }
      JsonNode last = steps.get(n - 1);
      if (last.path("add_prefix_space").asBoolean(false) && n > 1) {
        throw new IllegalArgumentException(where + ": ByteLevel with add_prefix_space after a Split"
            + " (a space before every split piece) is not supported");
      }
      PreTokenizer chain = null;
      for (int i = 0; i < n - 1; i++) {
        PreTokenizer step = split(steps.get(i), where);
        chain = chain == null ? step : chain.then(step);
      }
      PreTokenizer tail = byteLevel(last);
      PreTokenizer splitter = chain == null ? tail : (tail == PreTokenizer.WHOLE ? chain : chain.then(tail));
      return new PreTokenizerSpec(splitter, n == 1 && last.path("add_prefix_space").asBoolean(false));
    }
    throw new IllegalArgumentException(where + ": pre-tokenizer " + type + " is not byte-level"
        + " (expected ByteLevel, or Sequence of Split and ByteLevel)");
  }

  private static PreTokenizer byteLevel(JsonNode node) {
    return node.path("use_regex").asBoolean(true)
        ? SplitPatterns.splitterFor(SplitPatterns.GPT2)
        : PreTokenizer.WHOLE;
  }

  private static PreTokenizer split(JsonNode node, String where) {
    if (!"Split".equals(typeOf(node))) {
      throw new IllegalArgumentException(where + ": pre-tokenizer step " + typeOf(node)
          + " is not supported in a byte-level Sequence (only Split then ByteLevel)");
    }
    String behavior = node.path("behavior").asText("");
    if (!"Isolated".equals(behavior) || node.path("invert").asBoolean(false)) {
      throw new IllegalArgumentException(where + ": Split with behavior '" + behavior + "' and invert "
          + node.path("invert").asBoolean(false) + " is not supported (only Isolated, not inverted)");
    }
    JsonNode pattern = node.path("pattern");
    if (pattern.has("Regex")) {
      return SplitPatterns.splitterFor(pattern.get("Regex").asText());
    }
    if (pattern.has("String")) {
      return new RegexSplitter(Pattern.compile(Pattern.quote(pattern.get("String").asText())));
    }
    throw new IllegalArgumentException(where + ": Split pattern " + pattern + " has neither Regex nor String");
  }

  private static String[] merge(JsonNode m, int rank, String where) {
    if (m.isTextual()) {
      String s = m.asText();
      int space = s.indexOf(' ');
      if (space <= 0 || space == s.length() - 1 || s.indexOf(' ', space + 1) >= 0) {
        throw new IllegalArgumentException(where + ": merge " + rank + " '" + s + "' is not two tokens");
      }
      return new String[] {s.substring(0, space), s.substring(space + 1)};
    }
    if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
      return new String[] {m.get(0).asText(), m.get(1).asText()};
    }
    throw new IllegalArgumentException(where + ": merge " + rank + " " + m + " is neither \"a b\" nor [a, b]");
  }

  private static boolean isEmptySequence(JsonNode node, String listField) {
    return "Sequence".equals(typeOf(node)) && node.path(listField).isArray() && node.path(listField).isEmpty();
  }

  private static void requireAbsent(JsonNode model, String field, String where) {
    JsonNode v = model.path(field);
    if (!v.isMissingNode() && !v.isNull()) {
      throw new IllegalArgumentException(where + ": BPE " + field + " = " + v + " is not supported");
    }
  }

  private static void requireEmptyString(JsonNode model, String field, String where) {
    JsonNode v = model.path(field);
    if (!v.isMissingNode() && !v.isNull() && !v.asText().isEmpty()) {
      throw new IllegalArgumentException(where + ": BPE " + field + " = " + v
          + " is not byte-level BPE (WordPiece/Metaspace-style subword markers)");
    }
  }

  private static String typeOf(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? "none" : node.path("type").asText("untyped");
  }

  private static String describe(JsonNode steps) {
    List<String> types = new ArrayList<>();
    steps.forEach(s -> types.add(typeOf(s)));
    return types.toString();
  }

  static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }
}
