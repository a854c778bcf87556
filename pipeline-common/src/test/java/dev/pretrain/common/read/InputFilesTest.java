package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  private static final Configuration HADOOP = new Configuration();

  private static void touch(Path dir, String... names) throws IOException {
    for (String name : names) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{\"text\":\"x\"}\n");
    }
  }

  private static String relative(Path dir, String path) {
    return path.substring(path.indexOf(dir.getFileName().toString() + "/") + dir.getFileName().toString().length() + 1);
  }

  private static Map<String, InputFormat> taken(Path dir, InputListing listing) {
    Map<String, InputFormat> out = new TreeMap<>();
    listing.files().forEach(f -> out.put(relative(dir, f.path()), f.format()));
    return out;
  }

  private static Map<String, String> skipped(Path dir, InputListing listing) {
    Map<String, String> out = new TreeMap<>();
    listing.skipped().forEach(f -> out.put(relative(dir, f.path()), f.reason()));
    return out;
  }

  // Hadoop's local file system hides .crc checksum files itself; on object stores they are hidden names.
  @Test
  void aDirectoryGivesItsDataFilesAndNamesWhatItSkipped(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectory(root.resolve("corpus"));
    touch(dir, "a.jsonl", "b.jsonl.gz", "c.ndjson.zst", "d.json.gz", "e.txt", "f.warc.wet.gz", "sub/g.parquet",
        "MANIFEST.json", "README.md", "notes", "_SUCCESS", ".DS_Store", "_temporary/0/h.jsonl", ".git/i.jsonl");
    InputListing listing = InputFiles.list(List.of(dir.toString()), InputFormat.AUTO, HADOOP);
    assertEquals(Map.of("a.jsonl", InputFormat.JSONL, "b.jsonl.gz", InputFormat.JSONL, "c.ndjson.zst", InputFormat.JSONL,
        "d.json.gz", InputFormat.JSONL, "e.txt", InputFormat.TEXT_FILE, "f.warc.wet.gz", InputFormat.WET,
        "sub/g.parquet", InputFormat.PARQUET), taken(dir, listing));
    assertEquals(Map.of("MANIFEST.json", SkippedFile.NOT_A_DATA_FILE, "README.md", SkippedFile.NOT_A_DATA_FILE,
        "notes", SkippedFile.NOT_A_DATA_FILE, "_SUCCESS", SkippedFile.HIDDEN_NAME, ".DS_Store", SkippedFile.HIDDEN_NAME,
        "_temporary/0/h.jsonl", SkippedFile.IN_HIDDEN_DIRECTORY, ".git/i.jsonl", SkippedFile.IN_HIDDEN_DIRECTORY),
        skipped(dir, listing));
  }

  @Test
  void aGlobReadsWhatItMatchesButHiddenFilesAndAnExplicitFileIsAlwaysRead(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectory(root.resolve("corpus"));
    touch(dir, "MANIFEST.json", "README.md", "_SUCCESS");
    InputListing glob = InputFiles.list(List.of(dir + "/*"), InputFormat.AUTO, HADOOP);
    assertEquals(Map.of("MANIFEST.json", InputFormat.JSONL, "README.md", InputFormat.TEXT_FILE), taken(dir, glob));
    assertEquals(Map.of("_SUCCESS", SkippedFile.HIDDEN_NAME), skipped(dir, glob));

    InputListing explicit = InputFiles.list(List.of(dir.resolve("_SUCCESS").toString()), InputFormat.JSONL, HADOOP);
    assertEquals(Map.of("_SUCCESS", InputFormat.JSONL), taken(dir, explicit));
  }

  @Test
  void aHiddenNameAboveTheInputDoesNotHideIt(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve("_staging/corpus"));
    touch(dir, "a.jsonl");
    assertEquals(Map.of("a.jsonl", InputFormat.JSONL),
        taken(dir, InputFiles.list(List.of(dir.toString()), InputFormat.AUTO, HADOOP)));
  }

  @Test
  void aDirectoryWithoutDataFilesIsAnErrorNamingWhatWasSkipped(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectory(root.resolve("exported"));
    touch(dir, "part-00000.json", "_SUCCESS");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputFiles.list(List.of(dir.toString()), InputFormat.AUTO, HADOOP));
    assertTrue(e.getMessage().startsWith("input " + dir + " holds no data files (skipped 2: _SUCCESS (hidden-name),"
        + " part-00000.json (not-a-data-file)); name other files explicitly or with a glob"), e.getMessage());
  }
}
