package dev.pretrain.common.read;

/**
 * A file an input's listing did not read, and why.
 *
 * @param path the file's full path
 * @param reason {@link #HIDDEN_NAME}, {@link #IN_HIDDEN_DIRECTORY} or {@link #NOT_A_DATA_FILE}
 */
public record SkippedFile(String path, String reason) {
  /** Its name starts with {@code .} or {@code _}: Hadoop's and Spark's mark of files that are not data. */
  public static final String HIDDEN_NAME = "hidden-name";
  /** It sits in a directory whose name starts with {@code .} or {@code _}, such as {@code _temporary/}. */
  public static final String IN_HIDDEN_DIRECTORY = "in-hidden-directory";
  /** Met in a directory, its name is not a data file's ({@link InputFormat#isDataFileName}). */
  public static final String NOT_A_DATA_FILE = "not-a-data-file";
}
