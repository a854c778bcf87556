package dev.pretrain.classify.fasttext;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fastText model files ({@code .bin}, and {@code .ftz} from {@code fasttext quantize}) as
 * fastText 0.9.x writes them ({@code FastText::saveModel}, fasttext.cc), all little-endian:
 * <pre>
 * int32 magic 793712314, int32 version (12; 11 for models of 2017, read with maxn 0)
 * args      int32 dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate, double t
 * dict      int32 size nwords nlabels, int64 ntokens, int64 pruneidx_size (-1: not pruned)
 *           size x (word bytes, NUL, int64 count, int8 type), pruneidx_size x (int32 bucket, int32 row)
 * bool      quantized input; the input matrix
 * bool      qout; the output matrix, quantized if both flags are set
 * dense     int64 m, int64 n, m * n float32
 * quantized bool qnorm, int64 m, int64 n, int32 codesize, codesize bytes of codes, product quantizer,
 *           and with qnorm: m bytes of norm codes, the norm quantizer
 * quantizer int32 dim nsubq dsub lastdsub, dim * 256 float32 centroids
 * </pre>
 * Every size is checked against what is left of the file before anything is allocated, and the file
 * must end after the output matrix: a truncated or damaged file, a file that is not a fastText
 * model, a version this reader does not know and a word-vector (cbow, skipgram) model each fail
 * with a {@link FastTextFormatException} naming the file.
 */
public final class FastTextReader {
  /** The first four bytes of every fastText model file ({@code FASTTEXT_FILEFORMAT_MAGIC_INT32}). */
  public static final int MAGIC = 793712314;
  /** The version fastText 0.9.x writes ({@code FASTTEXT_VERSION}). */
  public static final int VERSION = 12;
  /** The first version with a magic number; its supervised models have no subwords. */
  static final int OLDEST_VERSION = 11;
  /** Longer dictionary entries are taken for damage (fastText's own are tokens of a text). */
  private static final int MAX_ENTRY_BYTES = 1 << 20;

  private FastTextReader() {}

  /** Reads the model in a local file. */
  public static FastTextModel read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, Files.size(file), file.toString());
    }
  }

  /**
   * Reads a model from a stream of {@code length} bytes (the file's size), naming it {@code name}
   * in errors. The stream is read to its end and not closed.
   */
  public static FastTextModel read(InputStream in, long length, String name) throws IOException {
    return (FastTextModel) new Parser(new ModelInput(new BufferedInputStream(in, 1 << 16), length, name), true).parse();
  }

  /**
   * What a model file holds, without its weights: the header, arguments, labels and matrix shapes
   * are read and checked as {@link #read} checks them, the matrices' values skipped. Cheap for
   * any model size, to check a model at a job's start (its path, its labels) before tasks load it.
   */
  public static FastTextFileInfo inspect(InputStream in, long length, String name) throws IOException {
    return (FastTextFileInfo) new Parser(new ModelInput(new BufferedInputStream(in, 1 << 16), length, name), false).parse();
  }

  /** One pass over a file; builds the model, or only its summary. */
  private static final class Parser {
    private final ModelInput in;
    private final boolean weights;

    Parser(ModelInput in, boolean weights) {
      this.in = in;
      this.weights = weights;
    }

    Object parse() throws IOException {
      int version = header();
      FastTextArgs args = args(version);
      Dictionary dict = dictionary();
      int nwords = dict.nwords();
      int nlabels = dict.entries().size() - nwords;
      PruneIndex prune = dict.prune();

      boolean quantizedInput = in.bool("the quantized-input flag");
      long inputRows = (long) nwords + (prune != null ? prune.size() : args.bucket());
      FastTextMatrix input = matrix(quantizedInput, "the input matrix", inputRows, args.dim());
      if (!quantizedInput && prune != null) {
        throw in.problem("a pruned dictionary with a dense input matrix, which fastText refuses too"
            + " (\"Invalid model file\", fastText issue #332): download the model again");
      }
      boolean qout = in.bool("the quantized-output flag");
      FastTextMatrix output = matrix(quantizedInput && qout, "the output matrix", nlabels, args.dim());
      in.expectEnd("the output matrix");

      if (!weights) {
        List<String> labels = new ArrayList<>(nlabels);
        for (FastTextDictionary.Entry label : dict.entries().subList(nwords, dict.entries().size())) {
          labels.add(label.text());
        }
        return new FastTextFileInfo(in.name(), version, args, nwords, labels, prune != null ? prune.size() : -1,
            quantizedInput, quantizedInput && qout, in.position());
      }
      FastTextDictionary dictionary = dictionaryPart(() -> FastTextDictionary.of(args, dict.entries(), dict.tokens(), prune));
      try {
        return new FastTextModel(args, dictionary, input, output);
      } catch (IllegalArgumentException e) {
        throw new FastTextFormatException(in.name(), e.getMessage(), e);
      }
    }

    /** The magic number and the version, checked. */
    private int header() throws IOException {
      in.need(8, "the magic number and version");
      int magic = in.int32("the magic number");
      if (magic != MAGIC) {
        throw in.problem(String.format("not a fastText model: it starts with 0x%08X, fastText files with 0x%08X",
            magic, MAGIC));
      }
      int version = in.int32("the version");
      if (version < OLDEST_VERSION || version > VERSION) {
        throw in.problem("fastText file format version " + version + ", where this reader knows " + OLDEST_VERSION
            + " and " + VERSION + " (fastText 0.9.2 writes " + VERSION + ")");
      }
      return version;
    }

    /** A dictionary as the file lists it, before it is built. */
    private record Dictionary(List<FastTextDictionary.Entry> entries, int nwords, long tokens, PruneIndex prune) {}

    private Dictionary dictionary() throws IOException {
      int size = in.int32("the dictionary size");
      int nwords = in.int32("the dictionary's word count");
      int nlabels = in.int32("the dictionary's label count");
      long tokens = in.int64("the dictionary's token count");
      long pruneSize = in.int64("the prune index size");
      if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size || pruneSize < -1) {
        throw in.problem("a dictionary of " + size + " entries, " + nwords + " words and " + nlabels
            + " labels, prune index size " + pruneSize + ": a damaged file");
      }
      in.need(size * 10L, "the dictionary's " + size + " entries");
      List<FastTextDictionary.Entry> entries = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        byte[] word = in.untilNul(MAX_ENTRY_BYTES, "a dictionary entry");
        long count = in.int64("a dictionary entry's count");
        int type = in.int8("a dictionary entry's type");
        FastTextDictionary.EntryType expected = i < nwords ? FastTextDictionary.EntryType.WORD
            : FastTextDictionary.EntryType.LABEL;
        if (type != expected.code()) {
          throw in.problem("dictionary entry " + i + " has type " + type + " where the header's " + nwords + " words and "
              + nlabels + " labels put a " + expected.name().toLowerCase() + " (" + expected.code() + "): a damaged file");
        }
        entries.add(new FastTextDictionary.Entry(word, count, expected));
      }
      PruneIndex prune = null;
      if (pruneSize >= 0) {
        in.need(pruneSize * 8, "the prune index's " + pruneSize + " pairs");
        int[] buckets = new int[(int) pruneSize];
        int[] rows = new int[(int) pruneSize];
        for (int i = 0; i < pruneSize; i++) {
          buckets[i] = in.int32("a prune index pair");
          rows[i] = in.int32("a prune index pair");
        }
        prune = dictionaryPart(() -> new PruneIndex(buckets, rows));
      }
      if (nlabels == 0) {
        throw in.problem("a supervised model without any label: nothing to predict");
      }
      return new Dictionary(entries, nwords, tokens, prune);
    }

    private FastTextArgs args(int version) throws IOException {
      in.need(12 * 4 + 8, "the arguments");
      int dim = in.int32("dim");
      int ws = in.int32("ws");
      int epoch = in.int32("epoch");
      int minCount = in.int32("minCount");
      int neg = in.int32("neg");
      int wordNgrams = in.int32("wordNgrams");
      int lossCode = in.int32("loss");
      int modelCode = in.int32("model");
      int bucket = in.int32("bucket");
      int minn = in.int32("minn");
      int maxn = in.int32("maxn");
      int lrUpdateRate = in.int32("lrUpdateRate");
      double t = in.float64("t");
      Loss loss = Loss.ofCode(lossCode);
      ModelKind model = ModelKind.ofCode(modelCode);
      if (loss == null || model == null) {
        throw in.problem("loss " + lossCode + " and model " + modelCode + ", where fastText has losses 1-4 and"
            + " models 1-3: a damaged file");
      }
      if (model != ModelKind.SUPERVISED) {
        throw in.problem("a " + model.command() + " model: word vectors, not a classifier, so it cannot predict"
            + " labels (only a model trained with fasttext supervised can)");
      }
      if (version == OLDEST_VERSION) {
        maxn = 0; // fastText: "old supervised models do not use char ngrams"
      }
      try {
        return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
            lrUpdateRate, t);
      } catch (IllegalArgumentException e) {
        throw new FastTextFormatException(in.name(), "its arguments do not hold together (" + e.getMessage()
            + "): a damaged file", e);
      }
    }

    private FastTextMatrix matrix(boolean quantized, String what, long rows, int dim) throws IOException {
      if (quantized) {
        return quantizedMatrix(what, rows, dim);
      }
      long m = in.int64(what + "'s rows");
      long n = in.int64(what + "'s columns");
      checkShape(what, m, n, rows, dim);
      if (!weights) {
        in.skip(m * n * 4, what + "'s values");
        return null;
      }
      return new DenseMatrix((int) m, (int) n, in.floats(m * n, what + "'s values"));
    }

    private FastTextMatrix quantizedMatrix(String what, long rows, int dim) throws IOException {
      boolean qnorm = in.bool(what + "'s qnorm flag");
      long m = in.int64(what + "'s rows");
      long n = in.int64(what + "'s columns");
      checkShape(what, m, n, rows, dim);
      int codeSize = in.int32(what + "'s code size");
      byte[] codes = codes(codeSize, what + "'s codes");
      ProductQuantizer quantizer = quantizer(what + "'s product quantizer");
      if (quantizer.dim() != n || (long) codeSize != m * quantizer.subquantizers()) {
        throw in.problem(what + " has " + m + " x " + n + " values in " + codeSize + " codes, with a quantizer of dim "
            + quantizer.dim() + " in " + quantizer.subquantizers() + " parts: a damaged file");
      }
      ProductQuantizer normQuantizer = null;
      byte[] normCodes = null;
      if (qnorm) {
        normCodes = codes(m, what + "'s norm codes");
        normQuantizer = quantizer(what + "'s norm quantizer");
        if (normQuantizer.dim() != 1) {
          throw in.problem(what + "'s norm quantizer has dim " + normQuantizer.dim() + ", not 1: a damaged file");
        }
      }
      if (!weights) {
        return null;
      }
      return new QuantizedMatrix((int) m, (int) n, quantizer, codes, normQuantizer, normCodes);
    }

    private byte[] codes(long count, String what) throws IOException {
      if (count < 0) {
        throw in.problem(what + ": " + count + " of them: a damaged file");
      }
      if (!weights) {
        in.skip(count, what);
        return null;
      }
      return in.bytes(count, what);
    }

    private ProductQuantizer quantizer(String what) throws IOException {
      int dim = in.int32(what + "'s dim");
      int nsubq = in.int32(what + "'s sub-quantizer count");
      int dsub = in.int32(what + "'s sub-vector size");
      int lastdsub = in.int32(what + "'s last sub-vector size");
      if (dim <= 0 || dsub <= 0) {
        throw in.problem(what + " has dim " + dim + " and sub-vectors of " + dsub + ": a damaged file");
      }
      long values = (long) dim * ProductQuantizer.CENTROIDS;
      float[] centroids;
      if (weights) {
        centroids = in.floats(values, what + "'s centroids");
      } else {
        in.skip(values * 4, what + "'s centroids");
        centroids = new float[(int) values]; // small: 256 per dimension
      }
      try {
        return new ProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
      } catch (IllegalArgumentException e) {
        throw new FastTextFormatException(in.name(), what + ": " + e.getMessage() + ": a damaged file", e);
      }
    }

    private void checkShape(String what, long m, long n, long rows, int dim) throws FastTextFormatException {
      if (m != rows || n != dim) {
        throw in.problem(what + " is " + m + " x " + n + " where the header asks for " + rows + " x " + dim
            + ": a damaged file");
      }
    }

    private <T> T dictionaryPart(java.util.function.Supplier<T> build) throws FastTextFormatException {
      try {
        return build.get();
      } catch (IllegalArgumentException e) {
        throw new FastTextFormatException(in.name(), "its dictionary does not hold together (" + e.getMessage()
            + "): a damaged file", e);
      }
    }
  }
}
