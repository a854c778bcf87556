package dev.pretrain.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer files of a Hugging Face model folder, so that {@code AutoTokenizer.from_pretrained(dir)}
 * loads the tokenizer from the same folder as the model:
 * <ul>
 *   <li>{@value #TOKENIZER_FILE}: the dataset's copy, byte for byte (the file the model was trained with);</li>
 *   <li>{@value #CONFIG_FILE}: which class reads it and its special tokens. The class is
 *       {@code PreTrainedTokenizerFast}, which uses the tokenizer.json as it is; {@code GPT2TokenizerFast}
 *       would rewrite a top-level ByteLevel pre-tokenizer's {@code add_prefix_space} to its own default
 *       (false) when loading (transformers, {@code tokenization_gpt2_fast.py}). Beginning, end and unknown
 *       token are the end-of-text token, as GPT-2's are; {@code model_max_length} is the model's block size;
 *       {@code clean_up_tokenization_spaces} is off, so decoding gives back the text byte-level BPE
 *       encoded, as the pipeline's own decoder does (the clean-up, transformers'
 *       {@code tokenization_utils_base.clean_up_tokenization}, drops the space in " .", " ,", " 's" and
 *       the like);</li>
 *   <li>{@value #SPECIAL_TOKENS_FILE}: the same three special tokens, for readers of the older layout.</li>
 * </ul>
 * {@code generation_config.json} is not written: transformers derives it from {@code config.json}'s
 * {@code bos_token_id}/{@code eos_token_id} ({@link SafetensorsExport}).
 */
final class TokenizerExport {
  private TokenizerExport() {}

  static final String TOKENIZER_FILE = "tokenizer.json";
  static final String CONFIG_FILE = "tokenizer_config.json";
  static final String SPECIAL_TOKENS_FILE = "special_tokens_map.json";
  static final List<String> FILES = List.of(TOKENIZER_FILE, CONFIG_FILE, SPECIAL_TOKENS_FILE);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Writes the three files into {@code dir}.
   *
   * @param tokenizerJson  the dataset's tokenizer.json bytes
   * @param endOfText      the text of its end-of-text token, e.g. {@code <|endoftext|>}
   * @param modelMaxLength the model's block size
   */
  static void write(byte[] tokenizerJson, String endOfText, int modelMaxLength, Path dir) {
    Map<String, Object> special = new LinkedHashMap<>();
    special.put("bos_token", endOfText);
    special.put("eos_token", endOfText);
    special.put("unk_token", endOfText);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("tokenizer_class", "PreTrainedTokenizerFast");
    config.put("model_max_length", modelMaxLength);
    config.putAll(special);
    config.put("clean_up_tokenization_spaces", false);
    try {
      Files.write(dir.resolve(TOKENIZER_FILE), tokenizerJson);
      Files.write(dir.resolve(CONFIG_FILE), JSON.writeValueAsBytes(config));
      Files.write(dir.resolve(SPECIAL_TOKENS_FILE), JSON.writeValueAsBytes(special));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tokenizer files into " + dir, e);
    }
  }
}
