package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models through Hadoop's file systems (here the local one, by path and by file: URI) and the per-JVM cache. */
class FastTextModelsTest {
  private final Configuration hadoop = new Configuration();

  @Test
  void loadsByPathAndByUri() throws IOException {
    Path file = Fixtures.file("lid-udhr.bin");
    FastTextModel byPath = FastTextModels.load(file.toString(), hadoop);
    FastTextModel byUri = FastTextModels.load(file.toUri().toString(), hadoop);
    assertEquals(Fixtures.model("lid-udhr.bin").labels(), byPath.labels());
    assertEquals(byPath.predict("Alle Menschen sind frei", 3, 0f), byUri.predict("Alle Menschen sind frei", 3, 0f));
    FastTextFileInfo info = FastTextModels.inspect(file.toUri().toString(), hadoop);
    assertEquals(byPath.labels(), info.labels());
    assertEquals(Files.size(file), info.bytes());
  }

  @Test
  void sharesOneModelPerPathBetweenThreads() throws Exception {
    String path = Fixtures.file("glotlid-udhr.bin").toUri().toString();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<FastTextModel>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return FastTextModels.shared(path, hadoop);
        }));
      }
      start.countDown();
      FastTextModel first = calls.get(0).get();
      for (Future<FastTextModel> call : calls) {
        assertSame(first, call.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertNotSame(FastTextModels.shared(path, hadoop),
        FastTextModels.shared(Fixtures.file("lid-udhr.bin").toUri().toString(), hadoop));
    assertSame(FastTextModels.shared(path, hadoop), FastTextModels.shared(path, hadoop, Scoring.ROW_LABEL_SCORES),
        "38 labels at dim 16: row label scores do not apply, and the exact model is shared");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    String missing = dir.resolve("no-such-model.bin").toString();
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FastTextModels.load(missing, hadoop));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    UncheckedIOException shared = assertThrows(UncheckedIOException.class, () -> FastTextModels.shared(missing, hadoop));
    assertTrue(shared.getMessage().contains(missing), shared.getMessage());
    FastTextFormatException directory = assertThrows(FastTextFormatException.class,
        () -> FastTextModels.inspect(dir.toString(), hadoop));
    assertTrue(directory.getMessage().contains("a directory"), directory.getMessage());
  }

  @Test
  void aDamagedFileIsNamedAtLoad(@TempDir Path dir) throws IOException {
    byte[] model = Files.readAllBytes(Fixtures.file("quality-softmax-bigram.ftz"));
    Path cut = dir.resolve("cut.ftz");
    Files.write(cut, java.util.Arrays.copyOf(model, model.length / 2));
    FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> FastTextModels.load(cut.toString(), hadoop));
    assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    assertThrows(FastTextFormatException.class, () -> FastTextModels.inspect(cut.toString(), hadoop));
  }
}
