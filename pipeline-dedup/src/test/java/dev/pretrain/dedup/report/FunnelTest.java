package dev.pretrain.dedup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelTest {

  @Test
  void eachRowHoldsWhatRemainsAfterIt() {
    List<Map<String, Object>> rows = new Funnel(10, 1000).remove("read", 1, 50).remove("filter-a", 3, 300)
        .kept(6, 650, 600);
    assertEquals(List.of("records in", "read", "filter-a", "kept"), rows.stream().map(r -> r.get("step")).toList());
    assertEquals(List.of(10L, 9L, 6L, 6L), rows.stream().map(r -> r.get("documents")).toList());
    assertEquals(List.of(1000L, 950L, 650L, 650L), rows.stream().map(r -> r.get("bytes")).toList());
    assertEquals(600L, rows.get(3).get("text_bytes"));
  }

  @Test
  void countsThatDoNotAddUpAreABug() {
    assertThrows(IllegalStateException.class, () -> new Funnel(10, 100).remove("read", 1, 10).kept(8, 90, 80));
  }

  @Test
  void aFilterReasonNamesItsStep() {
    assertEquals("gopher-quality", Funnel.filterOf("gopher-quality/min-words"));
    assertEquals("classifier:edu", Funnel.filterOf("classifier/edu"));
  }
}
