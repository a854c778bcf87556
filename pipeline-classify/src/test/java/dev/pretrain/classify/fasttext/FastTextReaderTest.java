package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The file format, both ways, on fastText's own files: every fixture writes back byte for byte,
 * inspecting agrees with loading, and damaged files (truncated anywhere, a byte too many, a wrong
 * size, magic or version) and word-vector models fail with a message naming the file.
 */
class FastTextReaderTest {
  private static final String NAME = "models/damaged.bin";
  /** Magic and version, then the arguments: 12 int32 and a double. */
  private static final int DIM_OFFSET = 8;
  private static final int DICTIONARY_OFFSET = 8 + 12 * 4 + 8;

  private static byte[] bytes(String fixture) throws IOException {
    return Files.readAllBytes(Fixtures.file(fixture));
  }

  private static FastTextModel read(byte[] file) throws IOException {
    return FastTextReader.read(new ByteArrayInputStream(file), file.length, NAME);
  }

  private static byte[] withInt(byte[] file, int offset, int value) {
    byte[] copy = file.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }

  private static FastTextFormatException refused(byte[] file) {
    FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith(NAME + ": "), "names the file: " + e.getMessage());
    return e;
  }

  @Test
  void everyFixtureWritesBackTheBytesItWasReadFrom() throws IOException {
    for (String name : Fixtures.modelNames()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FastTextWriter.write(Fixtures.model(name), out);
      assertArrayEquals(bytes(name), out.toByteArray(), name);
    }
  }

  @Test
  void inspectingAgreesWithLoading() throws IOException {
    for (String name : Fixtures.modelNames()) {
      byte[] file = bytes(name);
      FastTextFileInfo info = FastTextReader.inspect(new ByteArrayInputStream(file), file.length, name);
      FastTextModel model = Fixtures.model(name);
      assertEquals(model.args(), info.args(), name);
      assertEquals(model.labels(), info.labels(), name);
      assertEquals(model.dictionary().wordCount(), info.words(), name);
      assertEquals(model.dictionary().pruneIndex().map(PruneIndex::size).orElse(-1), info.prunedBuckets(), name);
      assertEquals(model.isQuantized(), info.quantizedInput(), name);
      assertEquals(model.output() instanceof QuantizedMatrix, info.quantizedOutput(), name);
      assertEquals(FastTextReader.VERSION, info.version(), name);
      assertEquals(file.length, info.bytes(), name);
    }
  }

  @Test
  void readsWhatTheFixturesWereTrainedWith() {
    FastTextModel lid = Fixtures.model("lid-udhr.bin");
    assertEquals(Loss.HIERARCHICAL_SOFTMAX, lid.args().loss());
    assertEquals(16, lid.args().dim());
    assertEquals(2, lid.args().minn());
    assertEquals(4, lid.args().maxn());
    assertEquals(38, lid.labels().size());
    assertTrue(lid.labels().containsAll(java.util.List.of("__label__en", "__label__fr", "__label__zh", "__label__yue")));
    FastTextModel glot = Fixtures.model("glotlid-udhr.bin");
    assertTrue(glot.labels().containsAll(java.util.List.of("__label__eng_Latn", "__label__cmn_Hani", "__label__jpn_Jpan")));
    FastTextModel words = Fixtures.model("quality-softmax-words.bin");
    assertEquals(0, words.args().bucket(), "fastText sets bucket 0 without word n-grams and subwords");
    assertEquals(words.dictionary().wordCount(), words.input().rows());
  }

  @Test
  void refusesAFileThatIsNotAFastTextModel() throws IOException {
    assertTrue(refused(bytes("test.txt")).getMessage().contains("not a fastText model"));
    assertTrue(refused(new byte[0]).getMessage().contains("truncated"));
  }

  @Test
  void refusesVersionsItDoesNotKnow() throws IOException {
    byte[] file = bytes("quality-softmax-words.bin");
    assertTrue(refused(withInt(file, 4, 13)).getMessage().contains("version 13"));
    assertTrue(refused(withInt(file, 4, 10)).getMessage().contains("version 10"));
  }

  @Test
  void readsVersion11SupervisedModelsWithoutSubwords() throws IOException {
    FastTextModel old = read(withInt(bytes("quality-softmax-subwords.bin"), 4, 11));
    assertEquals(0, old.args().maxn(), "fastText: old supervised models do not use char ngrams");
    assertEquals(3, old.args().minn());
  }

  @Test
  void refusesWordVectorModels() throws IOException {
    byte[] file = Files.readAllBytes(Fixtures.file("unsupervised/skipgram-udhr.bin"));
    String message = refused(file).getMessage();
    assertTrue(message.contains("a skipgram model") && message.contains("cannot predict labels"), message);
  }

  @Test
  void refusesTruncatedFilesWhereverTheyEnd() throws IOException {
    for (String name : new String[] {"quality-hs-bigram-subwords.bin", "brown-files-softmax-qout.ftz",
        "quality-ova-trigram-subwords-cutoff.ftz"}) {
      byte[] file = bytes(name);
      int cuts = 0;
      for (int length = 0; length < file.length; length += length < 2000 ? 1 : 997) {
        byte[] cut = Arrays.copyOf(file, length);
        assertTrue(refused(cut).getMessage().contains("truncated or damaged"), name + " cut at " + length);
        cuts++;
      }
      refused(Arrays.copyOf(file, file.length - 1));
      assertTrue(cuts > 2000, "cut at every byte of the header and dictionary start, then every 997 bytes");
    }
  }

  @Test
  void refusesBytesAfterTheOutputMatrix() throws IOException {
    byte[] file = bytes("quality-softmax-bigram.ftz");
    String message = refused(Arrays.copyOf(file, file.length + 3)).getMessage();
    assertTrue(message.contains("3 bytes follow the output matrix"), message);
  }

  @Test
  void refusesSizesThatDoNotFitTheFile() throws IOException {
    byte[] file = bytes("quality-softmax-bigram.bin");
    String wrongDim = refused(withInt(file, DIM_OFFSET, 9)).getMessage();
    assertTrue(wrongDim.contains("the input matrix is") && wrongDim.contains("x 9"), wrongDim);
    String hugeDictionary = refused(withInt(file, DICTIONARY_OFFSET, 500_000_000)).getMessage();
    assertTrue(hugeDictionary.contains("dictionary of 500000000 entries"), hugeDictionary);
    String wrongLoss = refused(withInt(file, DIM_OFFSET + 6 * 4, 7)).getMessage();
    assertTrue(wrongLoss.contains("loss 7"), wrongLoss);
  }

  @Test
  void readsModelsItWroteItself() throws IOException {
    FastTextModel model = Fixtures.model("lid-udhr.ftz");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastTextWriter.write(model, out);
    FastTextModel again = read(out.toByteArray());
    byte[] line = "Article premier Tous les êtres humains naissent libres\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.List<Prediction> expected = new java.util.ArrayList<>();
    java.util.List<Prediction> actual = new java.util.ArrayList<>();
    model.predictor().predictNextLine(line, 0, line.length, 3, 0f, expected);
    again.predictor().predictNextLine(line, 0, line.length, 3, 0f, actual);
    assertEquals(expected, actual);
    assertEquals("__label__fr", actual.get(0).label());
  }
}
