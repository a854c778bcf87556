/**
 * Tokenizers for the pipeline: one {@link dev.pretrain.tokenize.Tokenizer} interface, made by
 * {@link dev.pretrain.tokenize.Tokenizers#load} from the config string ({@code tiktoken:NAME} or
 * a tokenizer.json path).
 *
 * <ul>
 *   <li>{@code bpe}: the pure-Java byte-level BPE encoder for HF {@code tokenizer.json} files
 *       (merges-based, HF semantics; ids checked against HF tokenizers through DJL in tests).
 *   <li>{@code pretokenize}: the split patterns (GPT-2, cl100k/Llama-3) as hand-written scanners
 *       equal to the regexes, and a java.util.regex fallback for other Split patterns.
 *   <li>{@code tiktoken}: r50k_base, cl100k_base and o200k_base through JTokkit.
 *   <li>{@code train}: the driver side of BPE training (pre-token counts to merges) and the
 *       tokenizer.json writer.
 *   <li>{@code job}: {@code TrainTokenizerJob}, BPE training on Spark (executors count
 *       pre-tokens, Spark reduces and bounds the table, the driver merges and writes).
 *   <li>{@code shards}: {@code TokenizeJob} (encode, split, pack, seeded shuffle, Parquet shards,
 *       manifest) and {@code TokenizeVerifier} (a dataset against its manifest); for a weighted
 *       mix, {@code PartialEpochs} (each source's seeded subset) and {@code MixCopies}.
 *   <li>{@code mix}: the sources of a weighted mix, their settings, and the plan (whole and
 *       partial epochs per source, in tokens) made from their measured tokens.
 * </ul>
 */
package dev.pretrain.tokenize;
