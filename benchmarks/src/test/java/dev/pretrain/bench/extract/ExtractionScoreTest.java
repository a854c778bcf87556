package dev.pretrain.bench.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionScoreTest {
  @Test
  void snippetsMatchAfterWhitespaceRunsCollapse() {
    String text = "First line of the\tarticle.\n\nSecond\u00a0 paragraph here.\nMenu";
    ExtractionScore s = ExtractionScore.of(text,
        List.of("line of the article.", "article. Second paragraph", "not in it"),
        List.of("Menu", "Footer"));
    assertEquals(new ExtractionScore(2, 1, 1, 1), s);
  }

  @Test
  void aFailedExtractionMissesEveryWithSnippet() {
    assertEquals(new ExtractionScore(0, 0, 1, 2), ExtractionScore.of(null, List.of("a", "b"), List.of("c")));
  }

  @Test
  void ratiosFollowTheReadmeDefinitions() {
    ExtractionScore s = new ExtractionScore(8, 2, 6, 4);
    assertEquals(0.8, s.precision(), 1e-12);
    assertEquals(8.0 / 12, s.recall(), 1e-12);
    assertEquals(14.0 / 20, s.accuracy(), 1e-12);
    assertEquals(2 * 0.8 * (8.0 / 12) / (0.8 + 8.0 / 12), s.f1(), 1e-12);
  }
}
