package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.classify.fasttext.FastTextDictionary.Entry;
import dev.pretrain.classify.fasttext.FastTextDictionary.EntryType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a line becomes input rows, on a hand-made dictionary: {@code </s>} (0), {@code the} (1),
 * {@code cat} (2), then the labels {@code __label__a} and {@code __label__b}. Expected rows are
 * written out from dictionary.cc's rules; word n-gram buckets are recomputed here with BigInteger
 * (unsigned 64-bit arithmetic over sign-extended 32-bit hashes) as an independent check of the
 * long arithmetic.
 */
class LineFeaturesTest {
  private static final int BUCKET = 1000;
  private static final int WORDS = 3;
  private static final List<Entry> ENTRIES = List.of(
      Entry.of("</s>", 10, EntryType.WORD), Entry.of("the", 5, EntryType.WORD), Entry.of("cat", 2, EntryType.WORD),
      Entry.of("__label__a", 4, EntryType.LABEL), Entry.of("__label__b", 3, EntryType.LABEL));

  private static FastTextArgs args(int wordNgrams, int minn, int maxn) {
    return new FastTextArgs(2, 5, 1, 1, 5, wordNgrams, Loss.SOFTMAX, ModelKind.SUPERVISED, BUCKET, minn, maxn, 100, 1e-4);
  }

  private static LineFeatures features(FastTextArgs args, PruneIndex prune) {
    return new LineFeatures(FastTextDictionary.of(args, ENTRIES, 100, prune), args);
  }

  private static int[] rows(LineFeatures f) {
    return Arrays.copyOf(f.rows(), f.rowCount());
  }

  private static int read(LineFeatures f, String text, boolean endOfLine) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return f.read(bytes, 0, bytes.length, endOfLine);
  }

  /** Row of the word n-gram of these tokens, by BigInteger arithmetic modulo 2^64. */
  private static int ngramRow(String... tokens) {
    BigInteger mod = BigInteger.ONE.shiftLeft(64);
    BigInteger g = BigInteger.valueOf(FastTextHash.of(tokens[0])).mod(mod);
    for (int i = 1; i < tokens.length; i++) {
      g = g.multiply(BigInteger.valueOf(116049371)).add(BigInteger.valueOf(FastTextHash.of(tokens[i]))).mod(mod);
    }
    return WORDS + g.mod(BigInteger.valueOf(BUCKET)).intValueExact();
  }

  private static int subwordRow(String ngram) {
    return WORDS + Integer.remainderUnsigned(FastTextHash.of(ngram), BUCKET);
  }

  @Test
  void wordsThenTheNewlinesEndOfLineThenWordBigrams() {
    LineFeatures f = features(args(2, 0, 0), null);
    assertEquals(8, read(f, "the cat\nnext line", false), "the next line starts after the newline");
    assertArrayEquals(new int[] {1, 2, 0, ngramRow("the", "cat"), ngramRow("cat", "</s>")}, rows(f));
    assertEquals(3, f.tokenCount());
  }

  @Test
  void wordTrigramsFollowEachStartPosition() {
    LineFeatures f = features(args(3, 0, 0), null);
    read(f, "the cat cat", true);
    assertArrayEquals(new int[] {1, 2, 2, 0,
        ngramRow("the", "cat"), ngramRow("the", "cat", "cat"), ngramRow("cat", "cat"), ngramRow("cat", "cat", "</s>"),
        ngramRow("cat", "</s>")}, rows(f));
  }

  @Test
  void splitsOnFastTextsSevenSeparatorsOnly() {
    LineFeatures f = features(args(1, 0, 0), null);
    read(f, " \tthe\u000bcat\fthe\rcat\u0000the  ", true);
    assertArrayEquals(new int[] {1, 2, 1, 2, 1, 0}, rows(f));
    read(f, "the\u00a0cat the\u3000cat", true);
    assertArrayEquals(new int[] {0}, rows(f), "no-break and ideographic spaces are inside tokens: two unknown words");
    assertEquals(3, f.tokenCount());
  }

  @Test
  void unknownWordsStillFormWordNgrams() {
    LineFeatures f = features(args(2, 0, 0), null);
    read(f, "the dog", true);
    assertArrayEquals(new int[] {1, 0, ngramRow("the", "dog"), ngramRow("dog", "</s>")}, rows(f));
  }

  @Test
  void aLiteralEndOfLineTokenEndsTheLine() {
    LineFeatures f = features(args(1, 0, 0), null);
    assertEquals(8, read(f, "the </s> cat", true));
    assertArrayEquals(new int[] {1, 0}, rows(f));
  }

  @Test
  void labelsAreRecordedAndUnknownLabelTokensDropped() {
    LineFeatures f = features(args(2, 0, 0), null);
    read(f, "__label__b the __label__zzz", true);
    assertArrayEquals(new int[] {1}, f.labels());
    assertArrayEquals(new int[] {1, 0, ngramRow("the", "</s>")}, rows(f), "label tokens take no part in word n-grams");
  }

  @Test
  void aTextWithoutNewlineEndsWithoutEndOfLineUnlessAsked() {
    LineFeatures f = features(args(2, 0, 0), null);
    assertEquals(7, read(f, "the cat", false));
    assertArrayEquals(new int[] {1, 2, ngramRow("the", "cat")}, rows(f));
    read(f, "", true);
    assertArrayEquals(new int[] {0}, rows(f), "an empty line is its end-of-line token");
    read(f, "   ", false);
    assertArrayEquals(new int[0], rows(f));
  }

  @Test
  void wordsAndUnknownWordsSplitIntoCharacterNgramsBetweenMarkers() {
    FastTextArgs args = args(1, 2, 3);
    FastTextDictionary dictionary = FastTextDictionary.of(args, ENTRIES, 100, null);
    int[] the = IntStream.concat(IntStream.of(1),
        List.of("<t", "<th", "th", "the", "he", "he>", "e>").stream().mapToInt(LineFeaturesTest::subwordRow)).toArray();
    assertArrayEquals(the, dictionary.wordRows(1));
    assertArrayEquals(new int[] {0}, dictionary.wordRows(0), "</s> has no subwords");

    LineFeatures f = new LineFeatures(dictionary, args);
    read(f, "ab the", true);
    int[] ab = List.of("<a", "<ab", "ab", "ab>", "b>").stream().mapToInt(LineFeaturesTest::subwordRow).toArray();
    int[] expected = IntStream.concat(IntStream.concat(Arrays.stream(ab), Arrays.stream(the)), IntStream.of(0)).toArray();
    assertArrayEquals(expected, rows(f), "an unknown word adds its n-grams but no word row");
  }

  @Test
  void characterNgramsCountCodePointsAndSkipTheLoneMarkers() {
    LineFeatures f = features(args(1, 1, 3), null);
    read(f, "é", false);
    assertArrayEquals(List.of("<é", "<é>", "é", "é>").stream().mapToInt(LineFeaturesTest::subwordRow).toArray(), rows(f));
  }

  @Test
  void aPruneIndexMovesKeptBucketsAndDropsTheOthers() {
    int kept = subwordRow("<a") - WORDS;
    LineFeatures f = features(args(1, 2, 2), new PruneIndex(new int[] {kept}, new int[] {0}));
    read(f, "ab", false);
    assertArrayEquals(new int[] {WORDS}, rows(f), "<a moved to the first bucket row; ab and b> dropped");

    LineFeatures none = features(args(2, 2, 2), new PruneIndex(new int[0], new int[0]));
    read(none, "ab the", true);
    assertArrayEquals(new int[] {1, 0}, rows(none), "an empty prune index drops every n-gram");
  }
}
