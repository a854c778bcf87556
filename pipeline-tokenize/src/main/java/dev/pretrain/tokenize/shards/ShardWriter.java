package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.ShardSchema;
import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one token shard with parquet-hadoop: the {@link ShardSchema} columns, zstd, and exactly
 * {@code rowsPerRowGroup} rows in every row group but the last.
 *
 * <p>parquet-mr closes a row group when, at a size check, the buffered bytes exceed the row-group
 * size; checks happen after {@code minRowCountForPageSizeCheck} records and then at most every
 * {@code maxRowCountForPageSizeCheck} records (parquet-mr 1.13
 * {@code InternalParquetRecordWriter.checkBlockSizeReached}). Setting both to
 * {@code rowsPerRowGroup} and the row-group size to one byte makes every check close the group,
 * so groups hold exactly that many rows whatever the compression does. A test reads the footer.
 * The price is parquet-mr's "Too much memory used" warning (buffered bytes above three times the
 * row-group size) at every row group; it says nothing here, so that one logger is set to ERROR.
 */
public final class ShardWriter implements Closeable {
  /** Spark's reading of {@link ShardSchema#SCHEMA}: a three-level list of non-null ints. */
  public static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType(
      "message spark_schema {\n"
          + "  required binary " + ShardSchema.TOKENS + ";\n"
          + "  required group " + ShardSchema.DOC_STARTS + " (LIST) {\n"
          + "    repeated group list {\n"
          + "      required int32 element;\n"
          + "    }\n"
          + "  }\n"
          + "  required int64 " + ShardSchema.SEQ_IDX + ";\n"
          + "}");

  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory rows = new SimpleGroupFactory(PARQUET_SCHEMA);

  private static final String NOISY_LOGGER = "org.apache.parquet.hadoop.InternalParquetRecordWriter";

  static {
    try {
      org.apache.logging.log4j.core.config.Configurator.setLevel(NOISY_LOGGER, org.apache.logging.log4j.Level.ERROR);
    } catch (LinkageError noLog4jCore) {
      // Another logging backend: the warnings stay, the shards are the same.
    }
  }

  public ShardWriter(String path, int rowsPerRowGroup, Configuration hadoop) throws IOException {
    this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new Path(path), hadoop))
        .withType(PARQUET_SCHEMA)
        .withConf(hadoop)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(1L)
        .withMinRowCountForPageSizeCheck(rowsPerRowGroup)
        .withMaxRowCountForPageSizeCheck(rowsPerRowGroup)
        .withMaxPaddingSize(0)
        .withDictionaryEncoding(false) // token bytes and doc offsets do not repeat usefully
        .build();
  }

  public void write(byte[] tokens, int[] docStarts, long seqIdx) throws IOException {
    Group row = rows.newGroup();
    row.add(ShardSchema.TOKENS, Binary.fromConstantByteArray(tokens));
    Group list = row.addGroup(ShardSchema.DOC_STARTS);
    for (int start : docStarts) {
      list.addGroup("list").add("element", start);
    }
    row.add(ShardSchema.SEQ_IDX, seqIdx);
    writer.write(row);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256(String path, Configuration hadoop) throws IOException {
    return Sha256.ofFile(path, hadoop);
  }
}
