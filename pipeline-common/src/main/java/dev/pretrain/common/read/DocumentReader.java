package dev.pretrain.common.read;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.common.io.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the inputs into {@link ReadRecords#SCHEMA} rows: documents and rejected records side by
 * side. JSONL, text, WET and WARC files are streamed one task per file, in file order, so ids and
 * outputs do not depend on partitioning; Parquet goes through Spark's columnar reader once its
 * footers are checked. A truncated or corrupt file becomes one {@code truncated-input} row (see
 * {@link CorruptStreamGuard}, {@link ParquetFooters}) or, under {@code read.on-corrupt-file = fail},
 * stops the job with {@link CorruptInputFile}.
 */
public final class DocumentReader {
  private DocumentReader() {}

  /**
   * What was read.
   *
   * @param rows the reader's rows, lazily: records and the files' counts rows (see {@link ReadRecords});
   *     the first action on them is {@link BadRecordGate#check}
   * @param listing the files read and the files skipped
   */
  public record Result(Dataset<Row> rows, InputListing listing) {
    /** The documents and rejected records. */
    public Dataset<Row> records() {
      return ReadRecords.records(rows);
    }
  }

  public static Result read(SparkSession spark, List<String> inputs, ReadSettings settings) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    InputListing listing = InputFiles.list(inputs, settings.format(), hadoop);
    List<InputFile> streamed = new ArrayList<>();
    List<InputFile> parquet = new ArrayList<>();
    for (InputFile file : listing.files()) {
      (file.format() == InputFormat.PARQUET ? parquet : streamed).add(file);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> out = null;
    if (!streamed.isEmpty()) {
      JavaRDD<Row> rows = context.parallelize(streamed, streamed.size())
          .flatMap(new ReadFile(settings, new HadoopConf(hadoop)));
      out = spark.createDataFrame(rows, ReadRecords.SCHEMA);
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> fromParquet = readParquet(spark, context, parquet, settings, new HadoopConf(hadoop));
      out = out == null ? fromParquet : out.unionByName(fromParquet);
    }
    return new Result(out, listing);
  }

  /** The Parquet files with a readable footer through Spark, one reject row for each other one. */
  private static Dataset<Row> readParquet(SparkSession spark, JavaSparkContext context, List<InputFile> files,
      ReadSettings settings, HadoopConf hadoop) {
    List<BrokenFile> broken = ParquetFooters.unreadable(context, files, hadoop);
    if (!broken.isEmpty() && settings.onCorruptFile() == ReadSettings.CorruptFilePolicy.FAIL) {
      throw CorruptInputFile.parquet(broken.get(0).path(), broken.get(0).error());
    }
    Set<String> brokenPaths = broken.stream().map(BrokenFile::path).collect(Collectors.toSet());
    List<String> readable = files.stream().map(InputFile::path).filter(p -> !brokenPaths.contains(p)).toList();
    List<Row> brokenRows = broken.stream()
        .map(b -> ReadRecords.rejected(b.path(), b.offset(), ReadReject.truncatedInput(b.error()), null))
        .toList();
    Dataset<Row> rejected = spark.createDataFrame(brokenRows, ReadRecords.SCHEMA);
    return readable.isEmpty() ? rejected : parquetRecords(spark, readable, settings).unionByName(rejected);
  }

  /**
   * Parquet: the configured columns, ids from the id column or (file, row index), blank text
   * rejected. With a {@code read.fields.html} column, a row's non-blank HTML is its content
   * (marked {@code html}), else its text.
   */
  static Dataset<Row> parquetRecords(SparkSession spark, List<String> paths, ReadSettings settings) {
    Dataset<Row> table = spark.read().parquet(paths.toArray(String[]::new));
    List<String> columns = Arrays.asList(table.columns());
    java.util.Optional<Column> htmlColumn = optional(columns, settings.htmlField());
    if (!columns.contains(settings.textField()) && htmlColumn.isEmpty()) {
      throw new IllegalArgumentException("Parquet input has no text column '" + settings.textField()
          + "' (read.fields.text)" + (settings.htmlField().isEmpty() ? "" : " nor HTML column '"
          + settings.htmlField() + "' (read.fields.html)") + "; its columns are: " + String.join(", ", columns));
    }
    Column file = col("_metadata.file_path");
    Column rowIndex = col("_metadata.row_index");
    // Same derivation as StableIds.of: the first 128 bits of SHA-256(path \0 offset), in hex.
    Column derivedId = substring(sha2(concat(file, lit("\u0000"), rowIndex.cast(DataTypes.StringType)), 256), 1, 32);
    Column plain = columns.contains(settings.textField())
        ? col(settings.textField()).cast(DataTypes.StringType) : lit(null).cast(DataTypes.StringType);
    Column isHtml = htmlColumn.map(h -> h.isNotNull().and(trim(h).notEqual(""))).orElse(lit(false));
    Column text = htmlColumn.map(h -> when(isHtml, h).otherwise(plain)).orElse(plain);
    Column blank = text.isNull().or(trim(text).equalTo(""));
    Column defaultSource = settings.source() != null ? lit(settings.source()) : stem(file);
    Column id = optional(columns, settings.idField()).map(c -> coalesce(c, derivedId)).orElse(derivedId);
    Column source = optional(columns, settings.sourceField()).map(c -> coalesce(c, defaultSource)).orElse(defaultSource);
    Column url = optional(columns, settings.urlField()).orElse(lit(null).cast(DataTypes.StringType));
    Column meta = meta(table, columns, settings);
    return table.select(
        when(blank, lit(null)).otherwise(id).as("id"),
        when(blank, lit(null)).otherwise(text).as("text"),
        when(blank, lit(null)).otherwise(source).as("source"),
        when(blank, lit(null)).otherwise(url).as("url"),
        when(blank, lit(null)).otherwise(meta).as("meta"),
        file.as("file"),
        rowIndex.as("offset"),
        lit(0).as("invalid_utf8"),
        when(blank, lit(ReadReject.emptyText().reason())).as("reject_reason"),
        when(blank, lit(null).cast(DataTypes.StringType)).as("raw"),
        lit(null).cast(DataTypes.StringType).as("reject_rule"),
        lit(null).cast(DataTypes.DoubleType).as("reject_value"),
        when(blank, lit(false)).otherwise(isHtml).as("html"),
        lit(null).cast(ReadRecords.SCHEMA.apply("read_counts").dataType()).as("read_counts"));
  }

  private static java.util.Optional<Column> optional(List<String> columns, String name) {
    return name.isEmpty() || !columns.contains(name)
        ? java.util.Optional.empty()
        : java.util.Optional.of(col(name).cast(DataTypes.StringType));
  }

  private static Column meta(Dataset<Row> table, List<String> columns, ReadSettings settings) {
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (String name : settings.metaFields()) {
      if (columns.contains(name)) {
        keys.add(lit(name));
        values.add(col(name).cast(DataTypes.StringType));
      }
    }
    Column extra = map_from_arrays(array(keys.toArray(Column[]::new)).cast(DataTypes.createArrayType(DataTypes.StringType)),
        array(values.toArray(Column[]::new)).cast(DataTypes.createArrayType(DataTypes.StringType)));
    if (!settings.metaField().isEmpty() && columns.contains(settings.metaField())) {
      StructField field = table.schema().apply(settings.metaField());
      if (field.dataType() instanceof MapType) {
        Column given = col(settings.metaField()).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        return keys.isEmpty() ? coalesce(given, extra) : org.apache.spark.sql.functions.map_concat(coalesce(given, extra), extra);
      }
    }
    return extra;
  }

  /** The file name without directories and extensions, as {@link InputFile#stem()} computes it. */
  private static Column stem(Column file) {
    Column name = org.apache.spark.sql.functions.regexp_extract(file, "([^/]*)$", 1);
    Column noCompression = org.apache.spark.sql.functions.regexp_replace(name, "\\.(gz|zst|zstd|bz2)$", "");
    return org.apache.spark.sql.functions.regexp_replace(noCompression, "\\.[^.]*$", "");
  }

  /** The executor side: opens one file (credentials and settings from the driver's Hadoop config). */
  static final class ReadFile implements FlatMapFunction<InputFile, Row> {
    private static final long serialVersionUID = 1L;
    private final ReadSettings settings;
    private final HadoopConf hadoopConf;

    ReadFile(ReadSettings settings, HadoopConf hadoopConf) {
      this.settings = settings;
      this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(InputFile file) throws IOException {
      Path path = new Path(file.path());
      // A file that cannot be opened (gone since it was listed, no permission) is no corrupt
      // file: the task fails here, whatever read.on-corrupt-file says.
      InputStream raw = path.getFileSystem(hadoopConf.get()).open(path);
      return new CorruptStreamGuard(file, settings, new StorageStream(raw));
    }
  }
}
