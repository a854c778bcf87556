package dev.pretrain.tokenize.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.common.read.InputNotFound;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * {@code pipeline export-tokens}: a token dataset (Parquet shards and manifest.json) as the files
 * Megatron-LM, nanoGPT or llm.c train from, without tokenizing again. Every split is read once into
 * packed order in local temporary files ({@link PackedSplit}), then its documents are written whole,
 * in the dataset's shuffled order, to the format's sink. One process streams the whole export: memory
 * stays bounded (buffers and memory-mapped temporary files), local disk holds 4 bytes per id of the
 * largest split, and the shards and outputs may be on any Hadoop file system.
 *
 * <p>The output follows the pipeline's output rules ({@link AtomicOutput}): refused if it overlaps the
 * dataset or is a directory this job did not write, files staged and moved into place with
 * {@code _SUCCESS} last, and only this job's own files replaced with {@code --overwrite}.
 */
public final class ExportTokensJob {
  public static final String JOB = "export-tokens";
  public static final String EXPORT_JSON = "export.json";

  private static final String SPLIT_NAME = "[a-z0-9][a-z0-9-]*";
  static final OutputLayout LAYOUT = new OutputLayout(JOB, List.of(EXPORT_JSON), List.of(
      Pattern.compile(SPLIT_NAME + "_\\d{6}\\.(bin|idx)"), // megatron
      Pattern.compile(SPLIT_NAME + "\\.bin"), // nanogpt
      Pattern.compile("tokens_" + SPLIT_NAME + "_\\d{6}\\.bin")), // llmc
      true, OutputDirectory.SUCCESS);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExportTokensJob() {}

  /**
   * @param splits the splits to export, or empty for every split of the manifest
   * @param maxFileBytes the size limit of one file (megatron's {@code .bin}, an llm.c shard); ignored by nanogpt
   * @param tempDir local directory for the temporary files
   */
  public record Request(String data, ExportFormat format, String output, List<String> splits, long maxFileBytes,
      boolean overwrite, Path tempDir) {}

  /** Receives the progress lines of a long export. */
  public interface Console {
    void line(String text);
  }

  public static ExportTokensReport run(Request request, Configuration hadoop, Console console) throws IOException {
    long began = System.nanoTime();
    String dataDir = request.data();
    Manifest manifest = readManifest(dataDir, hadoop);
    List<String> splits = chooseSplits(manifest, request.splits(), dataDir);
    int vocab = manifest.tokenizer().vocabSize();
    int eot = manifest.tokenizer().eotId();
    TokenDtype dtype = request.format().dtype(vocab);
    if (!dtype.holds(eot)) {
      throw new JobStopped("the dataset's end-of-text id " + eot + " does not fit " + dtype.numpyName() + ", the id type of"
          + " the " + request.format().cliName() + " format; export to megatron, which stores int32 ids");
    }
    Map<String, List<PackedSplit.Source>> sources = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>(List.of(dataDir));
    for (String split : splits) {
      List<PackedSplit.Source> list = new ArrayList<>();
      for (Manifest.Shard shard : manifest.splits().get(split).shards()) {
        String location = ManifestFile.resolve(dataDir, shard.path());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
        String directory = path.getFileSystem(hadoop).makeQualified(path).getParent().toString();
        list.add(new PackedSplit.Source(shard.path(), location, directory, shard.rows(), shard.firstSeqIdx()));
        inputs.add(location);
      }
      sources.put(split, list);
    }

    AtomicOutput out = AtomicOutput.begin(request.output(), LAYOUT, inputs, request.overwrite(), hadoop);
    OutputFiles files = name -> {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out.staged(name));
      FileSystem fs = path.getFileSystem(hadoop);
      // On local disk without Hadoop's .crc side files: the trainers read the files alone, and export.json says
      // what they hold.
      fs = fs instanceof LocalFileSystem local ? local.getRaw() : fs;
      return new BufferedOutputStream(fs.create(path, true), 1 << 20);
    };
    Progress progress = new Progress(console);
    Map<String, ExportTokensReport.SplitExport> exported = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    long tokensRead = 0;
    try {
      for (String split : splits) {
        ExportTokensReport.SplitExport result = exportSplit(request, manifest, split, sources.get(split), dtype, files,
            hadoop, progress);
        exported.put(split, result);
        parts.addAll(result.files());
        tokensRead += result.rows() * (manifest.seqLen() + 1L);
      }
      out.writeStaged(EXPORT_JSON, exportJson(request, manifest, dtype, exported, dataDir));
      parts.add(EXPORT_JSON);
      out.commit(parts);
    } catch (IOException | RuntimeException | Error e) {
      out.abort();
      throw e;
    }
    return new ExportTokensReport(request.format(), dtype, exported, tokensRead, (System.nanoTime() - began) / 1e9);
  }

  private static ExportTokensReport.SplitExport exportSplit(Request request, Manifest manifest, String split,
      List<PackedSplit.Source> sources, TokenDtype dtype, OutputFiles files, Configuration hadoop, Progress progress)
      throws IOException {
    int eot = manifest.tokenizer().eotId();
    try (PackedSplit packed = PackedSplit.read(split, sources, manifest.seqLen(), manifest.tokenizer().vocabSize(), eot,
        manifest.shuffleSeed(), dtype, request.format().cliName(), hadoop, request.tempDir(), progress)) {
      long[] counts = new long[3]; // documents, ids written, end-of-text ids appended
      packed.walk((start, end, endsWithEot) -> {
        counts[0]++;
        counts[1] += end - start + (endsWithEot ? 0 : 1);
        counts[2] += endsWithEot ? 0 : 1;
      }, (what, done, total) -> {});
      long rowIds = packed.rows() * (manifest.seqLen() + 1L);
      if (counts[1] - counts[2] != rowIds) {
        // Every pack group's first row starts with a document, so every id belongs to one.
        throw new JobStopped(String.format(java.util.Locale.ROOT, "the %s split's documents hold %,d of its %,d ids:"
            + " a row where a pack group begins has no document start, so the shards do not follow the tokenize"
            + " layout (run tokenize --verify on the dataset)", split, counts[1] - counts[2], rowIds));
      }
      DocumentSink sink = sink(request, split, dtype, files);
      try {
        sink.start(counts[0], counts[1]);
        int[] chunk = new int[8192];
        packed.walk((start, end, endsWithEot) -> {
          sink.beginDocument(end - start + (endsWithEot ? 0 : 1));
          for (long p = start; p < end; p += chunk.length) {
            int n = (int) Math.min(chunk.length, end - p);
            packed.ids(p, chunk, n);
            sink.tokens(chunk, 0, n);
          }
          if (!endsWithEot) {
            chunk[0] = eot;
            sink.tokens(chunk, 0, 1);
          }
          sink.endDocument();
        }, progress);
        return new ExportTokensReport.SplitExport(packed.rows(), counts[0], counts[1], counts[2], sink.finish());
      } catch (IOException | RuntimeException | Error e) {
        sink.abort();
        throw e;
      }
    }
  }

  private static DocumentSink sink(Request request, String split, TokenDtype dtype, OutputFiles files) {
    return switch (request.format()) {
      case MEGATRON -> new MegatronWriter(split, files, dtype, request.maxFileBytes(), request.tempDir());
      case NANOGPT -> new NanoGptWriter(split, files);
      case LLMC -> new LlmcWriter(split, files, request.maxFileBytes());
    };
  }

  private static Manifest readManifest(String dataDir, Configuration hadoop) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dataDir, Manifest.FILE_NAME);
    FileSystem fs = path.getFileSystem(hadoop);
    if (!fs.exists(path)) {
      throw new InputNotFound("--data " + dataDir + " holds no " + Manifest.FILE_NAME + ": it is not a token dataset,"
          + " or its tokenize run did not finish (the manifest is written last)");
    }
    try (InputStream in = fs.open(path)) {
      return ManifestFile.parse(in.readAllBytes(), path.toString());
    } catch (IllegalArgumentException e) {
      throw new InputNotFound(e.getMessage());
    }
  }

  private static List<String> chooseSplits(Manifest manifest, List<String> asked, String dataDir) {
    List<String> splits = asked.isEmpty() ? new ArrayList<>(manifest.splits().keySet()) : asked;
    for (String split : splits) {
      if (!manifest.splits().containsKey(split)) {
        throw new InputNotFound("the dataset " + dataDir + " has no split '" + split + "'; its manifest lists "
            + String.join(", ", manifest.splits().keySet()));
      }
      if (!split.matches(SPLIT_NAME)) {
        throw new InputNotFound("the dataset " + dataDir + " names a split '" + split + "', which cannot be a file name"
            + " prefix here (lower-case letters, digits and '-')");
      }
    }
    return splits;
  }

  private static byte[] exportJson(Request request, Manifest manifest, TokenDtype dtype,
      Map<String, ExportTokensReport.SplitExport> exported, String dataDir) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", request.format().cliName());
    json.put("dtype", dtype.numpyName());
    json.put("dataset", dataDir);
    json.put("vocab_size", manifest.tokenizer().vocabSize());
    json.put("eot_id", manifest.tokenizer().eotId());
    json.put("seq_len", manifest.seqLen());
    json.put("shuffle_seed", manifest.shuffleSeed());
    json.put("order", "documents in the dataset's shuffled order: by the seq_idx of the row each starts in");
    if (request.format() != ExportFormat.NANOGPT) {
      json.put("max_file_bytes", request.maxFileBytes());
    }
    Map<String, Object> splits = new LinkedHashMap<>();
    exported.forEach((name, s) -> {
      Map<String, Object> split = new LinkedHashMap<>();
      split.put("documents", s.documents());
      split.put("tokens", s.tokens());
      split.put("eot_appended", s.eotAppended());
      split.put("files", s.files());
      splits.put(name, split);
    });
    json.put("splits", splits);
    return JSON.writeValueAsBytes(json);
  }

  /** Progress lines at most every ten seconds. */
  private static final class Progress implements PackedSplit.Progress {
    private static final long EVERY_NANOS = 10_000_000_000L;
    private final Console console;
    private long last = System.nanoTime();

    Progress(Console console) {
      this.console = console;
    }

    @Override
    public void at(String what, long done, long total) {
      long now = System.nanoTime();
      if (now - last >= EVERY_NANOS && total > 0) {
        last = now;
        console.line(String.format(java.util.Locale.ROOT, "%s: %s: %,d of %,d rows (%.0f%%)", JOB, what, done, total,
            100.0 * done / total));
      }
    }
  }
}
