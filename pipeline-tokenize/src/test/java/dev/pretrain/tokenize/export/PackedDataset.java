package dev.pretrain.tokenize.export;

import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.common.shards.ShardSchema;
import dev.pretrain.common.shards.TokenCodec;
import dev.pretrain.tokenize.shards.SeededPermutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A token dataset written the way the tokenize job's contract describes it (docs/formats.md), from
 * documents chosen by the test, without Spark: each pack group's documents, each followed by the
 * end-of-text id, are cut into rows of {@code seqLen + 1} ids (a last partial row dropped); packed row
 * {@code p} gets {@code seq_idx = SeededPermutation(rows, seed).apply(p)}; shards hold the rows in
 * {@code seq_idx} order. It also says what an export must hold: {@link #expected}, the documents as
 * they survived packing (a document cut by the dropped row ends with the end-of-text id added), in
 * the order of the {@code seq_idx} of the row each starts in, then their offset in it.
 */
final class PackedDataset {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message spark_schema {"
          + " required binary " + ShardSchema.TOKENS + ";"
          + " required group " + ShardSchema.DOC_STARTS + " (LIST) { repeated group list { required int32 element; } }"
          + " required int64 " + ShardSchema.SEQ_IDX + ";"
          + " }");
  static final long SEED = 1234;

  private final Map<String, List<int[]>> expected = new LinkedHashMap<>();
  final Manifest manifest;

  /** One split's input: its pack groups, each a list of documents (ids without the end-of-text id). */
  record SplitInput(String name, List<List<int[]>> groups, int rowsPerShard) {}

  private PackedDataset(Manifest manifest) {
    this.manifest = manifest;
  }

  List<int[]> expected(String split) {
    return expected.get(split);
  }

  static PackedDataset write(Path dir, int vocab, int eot, int seqLen, List<SplitInput> splits) {
    return write(dir, vocab, eot, seqLen, splits, false);
  }

  /** As above; {@code damaged}: packed row 0 of each split loses its document starts (not the tokenize layout). */
  static PackedDataset write(Path dir, int vocab, int eot, int seqLen, List<SplitInput> splits, boolean damaged) {
    try {
      Files.createDirectories(dir);
      Map<String, Manifest.Split> manifestSplits = new LinkedHashMap<>();
      Map<String, List<int[]>> expected = new LinkedHashMap<>();
      long totalRows = 0;
      long totalDocs = 0;
      for (SplitInput split : splits) {
        manifestSplits.put(split.name(), writeSplit(dir, split, eot, seqLen, 0, expected, damaged));
        totalRows += manifestSplits.get(split.name()).rows();
        totalDocs += manifestSplits.get(split.name()).documents();
      }
      Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION,
          new Manifest.Tokenizer("tiktoken:test", "ab".repeat(32), vocab, Map.of("<|endoftext|>", eot), eot, null),
          seqLen, SEED, "cd".repeat(32), new Manifest.Totals(totalDocs, totalRows * (seqLen + 1), totalRows, 0, 0),
          manifestSplits);
      Files.write(dir.resolve(Manifest.FILE_NAME), ManifestFile.toJson(manifest));
      PackedDataset dataset = new PackedDataset(manifest);
      dataset.expected.putAll(expected);
      return dataset;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Row(long packed, int[] ids, int[] starts) {}

  private record Placed(long seqIdx, int offset, int[] ids) {}

  /**
   * A refreshed corpus (as {@code refresh} lays it out): an earlier version's train shards, written by
   * their own tokenize run into {@code earlierDir}, listed by absolute path, then this version's, whose
   * {@code seq_idx} continue after them, in {@code dir} with the manifest.
   */
  static PackedDataset refreshed(Path earlierDir, Path dir, int vocab, int eot, int seqLen, SplitInput earlier,
      SplitInput later) {
    try {
      Map<String, List<int[]>> first = new LinkedHashMap<>();
      Manifest.Split a = writeSplit(earlierDir, earlier, eot, seqLen, 0, first, false);
      Map<String, List<int[]>> second = new LinkedHashMap<>();
      Manifest.Split b = writeSplit(dir, later, eot, seqLen, a.rows(), second, false);
      List<Manifest.Shard> shards = new ArrayList<>();
      for (Manifest.Shard shard : a.shards()) {
        shards.add(new Manifest.Shard(earlierDir.resolve(shard.path()).toAbsolutePath().toString(), shard.rows(),
            shard.firstSeqIdx(), shard.sha256()));
      }
      shards.addAll(b.shards());
      long rows = a.rows() + b.rows();
      Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION,
          new Manifest.Tokenizer("tiktoken:test", "ab".repeat(32), vocab, Map.of("<|endoftext|>", eot), eot, null),
          seqLen, SEED, "cd".repeat(32), new Manifest.Totals(a.documents() + b.documents(), rows * (seqLen + 1), rows,
          0, 0), Map.of("train", new Manifest.Split(a.documents() + b.documents(), rows, shards)));
      Files.write(dir.resolve(Manifest.FILE_NAME), ManifestFile.toJson(manifest));
      PackedDataset dataset = new PackedDataset(manifest);
      List<int[]> all = new ArrayList<>(first.get(earlier.name()));
      all.addAll(second.get(later.name()));
      dataset.expected.put("train", all);
      return dataset;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Manifest.Split writeSplit(Path dir, SplitInput split, int eot, int seqLen, long seqIdxOffset,
      Map<String, List<int[]>> expected, boolean damaged) throws IOException {
    int width = seqLen + 1;
    List<Row> rows = new ArrayList<>();
    List<long[]> docPlaces = new ArrayList<>(); // packed row, offset, index into docIds
    List<int[]> docIds = new ArrayList<>();
    long documents = 0;
    for (List<int[]> group : split.groups()) {
      List<Integer> stream = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (int[] doc : group) {
        starts.add(stream.size());
        for (int id : doc) {
          stream.add(id);
        }
        stream.add(eot);
        documents++;
      }
      int full = stream.size() / width;
      long firstRow = rows.size();
      for (int r = 0; r < full; r++) {
        int[] ids = new int[width];
        for (int j = 0; j < width; j++) {
          ids[j] = stream.get(r * width + j);
        }
        final int row = r;
        int[] rowStarts = starts.stream().filter(s -> s / width == row).mapToInt(s -> s % width).toArray();
        rows.add(new Row(firstRow + r, ids, rowStarts));
      }
      int kept = full * width;
      for (int d = 0; d < group.size(); d++) {
        int start = starts.get(d);
        if (start >= kept) {
          continue; // the whole document fell into the dropped partial row
        }
        int end = Math.min(start + group.get(d).length + 1, kept);
        int[] ids = new int[end - start];
        for (int i = start; i < end; i++) {
          ids[i - start] = stream.get(i);
        }
        if (ids[ids.length - 1] != eot || end - start < group.get(d).length + 1) {
          ids = Arrays.copyOf(ids, ids.length + 1);
          ids[ids.length - 1] = eot;
        }
        docPlaces.add(new long[] {firstRow + start / width, start % width, docIds.size()});
        docIds.add(ids);
      }
    }
    if (damaged && !rows.isEmpty()) {
      rows.set(0, new Row(0, rows.get(0).ids(), new int[0]));
    }
    SeededPermutation shuffle = new SeededPermutation(rows.size(), SEED);
    long[] seqOf = new long[rows.size()];
    Row[] bySeq = new Row[rows.size()];
    for (Row row : rows) {
      seqOf[(int) row.packed()] = shuffle.apply(row.packed());
      bySeq[(int) seqOf[(int) row.packed()]] = row;
    }
    List<Placed> placed = new ArrayList<>();
    for (long[] place : docPlaces) {
      placed.add(new Placed(seqOf[(int) place[0]], (int) place[1], docIds.get((int) place[2])));
    }
    placed.sort(Comparator.comparingLong(Placed::seqIdx).thenComparingInt(Placed::offset));
    expected.put(split.name(), placed.stream().map(Placed::ids).toList());

    Files.createDirectories(dir);
    Files.createDirectories(dir.resolve(split.name()));
    List<Manifest.Shard> shards = new ArrayList<>();
    for (int first = 0, s = 0; first < bySeq.length; first += split.rowsPerShard(), s++) {
      int n = Math.min(split.rowsPerShard(), bySeq.length - first);
      String relative = split.name() + "/shard-" + String.format("%05d", s) + ".parquet";
      Path file = dir.resolve(relative);
      writeShard(file, Arrays.copyOfRange(bySeq, first, first + n), seqIdxOffset + first);
      shards.add(new Manifest.Shard(relative, n, seqIdxOffset + first, ManifestFile.sha256(Files.readAllBytes(file))));
    }
    return new Manifest.Split(documents, rows.size(), shards);
  }

  private static void writeShard(Path file, Row[] rows, long firstSeqIdx) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withType(SCHEMA).withConf(new Configuration()).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      for (int r = 0; r < rows.length; r++) {
        Group group = groups.newGroup();
        group.append(ShardSchema.TOKENS, Binary.fromConstantByteArray(TokenCodec.encode(rows[r].ids(), 0,
            rows[r].ids().length)));
        Group list = group.addGroup(ShardSchema.DOC_STARTS);
        for (int start : rows[r].starts()) {
          list.addGroup("list").append("element", start);
        }
        group.append(ShardSchema.SEQ_IDX, firstSeqIdx + r);
        writer.write(group);
      }
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  /** Documents of random lengths in {@code [1, maxLength]} with ids in {@code [1, maxId]} (never the eot id 0). */
  static List<List<int[]>> randomGroups(Random random, int groups, int docsPerGroup, int maxLength, int maxId) {
    List<List<int[]>> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<int[]> docs = new ArrayList<>();
      for (int d = 0; d < docsPerGroup; d++) {
        int[] ids = new int[1 + random.nextInt(maxLength)];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = 1 + random.nextInt(maxId);
        }
        docs.add(ids);
      }
      out.add(docs);
    }
    return out;
  }
}
