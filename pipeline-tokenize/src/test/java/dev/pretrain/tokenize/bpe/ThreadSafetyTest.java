package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ThreadSafetyTest {

  @Test
  void concurrentEncodesGiveTheSameIdsAsOneThread() throws Exception {
    ByteLevelBpeTokenizer gpt2 = Gpt2TokenizerFile.load();
    Random random = new Random(5);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add(RandomText.next(random, 150) + Fixtures.ENGLISH);
    }
    List<int[]> expected = new ArrayList<>();
    texts.forEach(t -> expected.add(gpt2.encode(t)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<int[]>>> results = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        results.add(pool.submit(() -> {
          List<int[]> out = new ArrayList<>();
          texts.forEach(t -> out.add(gpt2.encode(t)));
          return out;
        }));
      }
      for (Future<List<int[]>> f : results) {
        List<int[]> got = f.get();
        for (int i = 0; i < texts.size(); i++) {
          assertArrayEquals(expected.get(i), got.get(i), "text " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
