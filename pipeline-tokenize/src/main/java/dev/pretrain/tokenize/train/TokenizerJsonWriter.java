package dev.pretrain.tokenize.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a trained BPE as a HuggingFace {@code tokenizer.json} in the layout HF's own trainer
 * saves: added special tokens, ByteLevel (or Split + ByteLevel) pre-tokenizer, BPE model with the
 * vocabulary in id order and merges as {@code "a b"} strings (the form every reader accepts),
 * ByteLevel post-processor and decoder. Fields are written in a fixed order, so the same
 * {@link TrainedBpe} always gives the same bytes.
 */
public final class TokenizerJsonWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Two-space indent and "\n" line ends on every OS (the default indenter uses the OS's). */
  private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private TokenizerJsonWriter() {}

  public static byte[] toBytes(TrainedBpe bpe) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id = 0; id < bpe.specialTokens().size(); id++) {
      ObjectNode t = added.addObject();
      t.put("id", id);
      t.put("content", bpe.specialTokens().get(id));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putNull("normalizer");
    if (bpe.splitPattern() == SplitPattern.GPT2) {
      byteLevel(root.putObject("pre_tokenizer"), true, true);
    } else {
      ObjectNode seq = root.putObject("pre_tokenizer");
      seq.put("type", "Sequence");
      ArrayNode steps = seq.putArray("pretokenizers");
      ObjectNode split = steps.addObject();
      split.put("type", "Split");
      split.putObject("pattern").put("Regex", bpe.splitPattern().regex());
      split.put("behavior", "Isolated");
      split.put("invert", false);
      byteLevel(steps.addObject(), true, false);
    }
    byteLevel(root.putObject("post_processor"), false, true);
    byteLevel(root.putObject("decoder"), true, true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < bpe.tokens().size(); id++) {
      vocab.put(bpe.tokens().get(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    for (String[] m : bpe.merges()) {
      merges.add(m[0] + " " + m[1]);
    }
    try {
      return WRITER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes atomically: a reader sees the old file or the whole new one. */
  public static void write(TrainedBpe bpe, Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".tokenizer-", ".json.tmp");
    try {
      Files.write(tmp, toBytes(bpe));
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void byteLevel(ObjectNode node, boolean trimOffsets, boolean useRegex) {
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", false);
    node.put("trim_offsets", trimOffsets);
    node.put("use_regex", useRegex);
  }
}
