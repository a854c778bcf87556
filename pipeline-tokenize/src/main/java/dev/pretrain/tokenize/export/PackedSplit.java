package dev.pretrain.tokenize.export;

import dev.pretrain.common.error.JobStopped;
import dev.pretrain.tokenize.shards.SeededPermutation;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * One split's rows put back in packed order, where a document cut across rows continues in the next
 * row, so documents can be read whole again.
 *
 * <p>The tokenize job packs each pack group's documents (each ending with the end-of-text id) into
 * rows one after another, then gives packed row {@code p} the {@code seq_idx} {@code shuffle(p)} of a
 * {@link SeededPermutation} over the split's rows with the manifest's {@code shuffle_seed}. Reading the
 * shards once ({@link #read}), each row goes to {@code shuffle.inverse(seq_idx)} in two local temporary
 * files, mapped into memory: the ids (4 bytes each) and one bit per id that says "a document starts
 * here" (from {@code doc_starts}). A document then runs from its start bit to the next start bit in
 * packed order, across as many rows as it takes. A pack group's first row starts with a document, so
 * a document never runs on into the next group; the last one of a group may lack its tail (tokenize
 * drops a last partial row), and so its end-of-text id.
 *
 * <p>{@link #walk} visits the documents in the dataset's shuffled order: by the {@code seq_idx} of the
 * row where each starts, then by its offset in that row.
 *
 * <p>A refreshed corpus lists each version's shards (one tokenize run each, {@code seq_idx} continuing
 * from the previous version's) in that version's directory; each run of consecutive shards in one
 * directory is a block with its own permutation over its rows.
 */
final class PackedSplit implements Closeable {

  /** A shard as the manifest lists it: its path there, where it is, its rows and first {@code seq_idx}. */
  record Source(String path, String location, String directory, long rows, long firstSeqIdx) {}

  /** Rows from one tokenize run: {@code seq_idx} in {@code [first, first + rows)}, shuffled by {@code shuffle}. */
  private record Block(long first, long rows, SeededPermutation shuffle) {}

  /** Called for each document of {@link #walk}: ids {@code [start, end)} in packed positions. */
  interface Visitor {
    void document(long start, long end, boolean endsWithEot) throws IOException;
  }

  /** Says how far a long pass has come. */
  interface Progress {
    void at(String what, long done, long total);
  }

  private final String split;
  private final int rowLength;
  private final int words;
  private final long rows;
  private final int eotId;
  private final List<Block> blocks;
  private final MappedFile ids;
  private final MappedFile startBits;

  private PackedSplit(String split, int rowLength, long rows, int eotId, List<Block> blocks, Path tempDir)
      throws IOException {
    this.split = split;
    this.rowLength = rowLength;
    this.words = (rowLength + 63) / 64;
    this.rows = rows;
    this.eotId = eotId;
    this.blocks = blocks;
    if (rows == 0) {
      this.ids = null;
      this.startBits = null;
    } else {
      this.ids = new MappedFile(tempDir, "export-tokens-ids-", rows * rowLength * Integer.BYTES);
      MappedFile bits;
      try {
        bits = new MappedFile(tempDir, "export-tokens-starts-", rows * words * Long.BYTES);
      } catch (IOException | RuntimeException e) {
        ids.close();
        throw e;
      }
      this.startBits = bits;
    }
  }

  /** Local temporary bytes {@link #read} needs for {@code rows} rows of {@code rowLength} ids. */
  static long temporaryBytes(long rows, int rowLength) {
    return rows * rowLength * Integer.BYTES + rows * ((rowLength + 63) / 64) * Long.BYTES;
  }

  /**
   * Reads a split's shards (in manifest order) into packed order, checking every row: its
   * {@code seq_idx}, its length, every id inside the vocabulary and inside {@code dtype}, its
   * document starts. A problem stops the export naming the shard and row.
   */
  static PackedSplit read(String split, List<Source> shards, int seqLen, int vocabSize, int eotId, long shuffleSeed,
      TokenDtype dtype, String format, Configuration hadoop, Path tempDir, Progress progress) throws IOException {
    int rowLength = seqLen + 1;
    List<Block> blocks = new ArrayList<>();
    long total = 0;
    String directory = null;
    long blockFirst = 0;
    for (Source s : shards) {
      if (s.firstSeqIdx() != total) {
        throw new JobStopped(split + " shard " + s.path() + " starts at seq_idx " + s.firstSeqIdx() + " in the manifest,"
            + " but the shards before it end at " + total + "; run tokenize --verify on the dataset");
      }
      if (directory != null && !directory.equals(s.directory())) {
        blocks.add(new Block(blockFirst, total - blockFirst, new SeededPermutation(total - blockFirst, shuffleSeed)));
        blockFirst = total;
      }
      directory = s.directory();
      total += s.rows();
    }
    if (total > blockFirst) {
      blocks.add(new Block(blockFirst, total - blockFirst, new SeededPermutation(total - blockFirst, shuffleSeed)));
    }
    long needed = temporaryBytes(total, rowLength);
    if (total > 0) {
      long free = Files.getFileStore(tempDir).getUsableSpace();
      if (needed > free) {
        throw new JobStopped(String.format(Locale.ROOT, "export-tokens needs %,d MB of local temporary space in %s to"
            + " put the %s split's documents back together (4 bytes per id), and only %,d MB are free; give"
            + " --temp-dir on a larger disk", needed >> 20, tempDir, split, free >> 20));
      }
    }
    PackedSplit packed = new PackedSplit(split, rowLength, total, eotId, blocks, tempDir);
    try {
      long done = 0;
      for (Source s : shards) {
        done += packed.fill(s, vocabSize, dtype, format, hadoop);
        progress.at("read " + split + " shards", done, total);
      }
      return packed;
    } catch (IOException | RuntimeException e) {
      packed.close();
      throw e;
    }
  }

  private long fill(Source shard, int vocabSize, TokenDtype dtype, String format, Configuration hadoop)
      throws IOException {
    long row = 0;
    try (ShardRows in = new ShardRows(shard.location(), hadoop, rowLength)) {
      while (in.next()) {
        String at = split + " shard " + shard.path() + " row " + row + " (seq_idx " + in.seqIdx() + ")";
        if (in.seqIdx() != shard.firstSeqIdx() + row) {
          throw new JobStopped(at + ": seq_idx should be " + (shard.firstSeqIdx() + row)
              + " (the manifest's first_seq_idx plus the row); run tokenize --verify on the dataset");
        }
        if (in.idCount() != rowLength) {
          throw new JobStopped(at + ": holds " + in.idCount() + " ids, the manifest's seq_len + 1 is " + rowLength);
        }
        long base = packedRow(in.seqIdx()) * rowLength;
        int[] row32 = in.ids();
        long limit = Math.min(vocabSize - 1L, dtype.max());
        for (int j = 0; j < rowLength; j++) {
          int id = row32[j];
          if (id < 0 || id > limit) {
            throw badId(at, id, j, vocabSize, dtype, format);
          }
        }
        ids.putInts(base * Integer.BYTES, row32, 0, rowLength);
        int previous = -1;
        for (int i = 0; i < in.startCount(); i++) {
          int start = in.starts()[i];
          if (start <= previous || start >= rowLength) {
            throw new JobStopped(at + ": doc_starts holds " + start + ", not increasing inside [0, " + rowLength + ")");
          }
          previous = start;
          setStart(base + start);
        }
        row++;
      }
    }
    if (row != shard.rows()) {
      throw new JobStopped(split + " shard " + shard.path() + " holds " + row + " rows, the manifest says "
          + shard.rows() + "; run tokenize --verify on the dataset");
    }
    return row;
  }

  private static JobStopped badId(String at, int id, int position, int vocabSize, TokenDtype dtype, String format) {
    if (id < 0 || id >= vocabSize) {
      return new JobStopped(at + ": id " + id + " at position " + position + " is outside the tokenizer's vocabulary"
          + " [0, " + vocabSize + "); the shard is damaged (run tokenize --verify on the dataset)");
    }
    return new JobStopped(at + ": id " + id + " at position " + position + " does not fit " + dtype.numpyName()
        + " (at most " + dtype.max() + "), the id type of the " + format + " format; a vocabulary of " + vocabSize
        + " ids needs the megatron format, which stores int32 ids from 65,500 ids up");
  }

  /** The packed index of the row with {@code seqIdx}: where it stood before the shuffle. */
  private long packedRow(long seqIdx) {
    for (Block b : blocks) {
      if (seqIdx < b.first() + b.rows()) {
        return b.first() + b.shuffle().inverse(seqIdx - b.first());
      }
    }
    throw new IllegalStateException("seq_idx " + seqIdx + " beyond the split's " + rows + " rows (a bug)");
  }

  private void setStart(long position) {
    long row = position / rowLength;
    int offset = (int) (position % rowLength);
    long at = (row * words + offset / 64) * Long.BYTES;
    startBits.putLong(at, startBits.getLong(at) | (1L << (offset % 64)));
  }

  /** The first document start at or after packed position {@code from}; {@code rows * rowLength} if none. */
  private long nextStart(long from) {
    long end = rows * rowLength;
    if (from >= end) {
      return end;
    }
    long row = from / rowLength;
    int offset = (int) (from % rowLength);
    int word = offset / 64;
    long bits = startBits.getLong((row * words + word) * Long.BYTES) & (-1L << (offset % 64));
    while (true) {
      if (bits != 0) {
        return row * rowLength + word * 64L + Long.numberOfTrailingZeros(bits);
      }
      if (++word == words) {
        word = 0;
        if (++row == rows) {
          return end;
        }
      }
      bits = startBits.getLong((row * words + word) * Long.BYTES);
    }
  }

  long rows() {
    return rows;
  }

  /** The id at packed position {@code position}. */
  int id(long position) {
    return ids.getInt(position * Integer.BYTES);
  }

  /** {@code count} ids from packed position {@code position} into {@code dst}. */
  void ids(long position, int[] dst, int count) {
    ids.getInts(position * Integer.BYTES, dst, 0, count);
  }

  /** Visits every document in the shuffled order (see the class comment). */
  void walk(Visitor visitor, Progress progress) throws IOException {
    for (Block b : blocks) {
      for (long s = b.first(); s < b.first() + b.rows(); s++) {
        long rowStart = packedRow(s) * rowLength;
        long start = nextStart(rowStart);
        while (start < rowStart + rowLength) {
          long end = nextStart(start + 1);
          visitor.document(start, end, id(end - 1) == eotId);
          start = end;
        }
        if ((s & 0xFFF) == 0xFFF) {
          progress.at("write " + split, s + 1, rows);
        }
      }
    }
    progress.at("write " + split, rows, rows);
  }

  @Override
  public void close() throws IOException {
    if (ids != null) {
      try {
        ids.close();
      } finally {
        startBits.close();
      }
    }
  }
}
