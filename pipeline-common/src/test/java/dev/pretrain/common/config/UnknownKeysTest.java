package dev.pretrain.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {
  @Test
  void closestSuggestsOnlyNearNames() {
    assertEquals("ui-enabled", UnknownKeys.closest("ui-enabeld", List.of("app-name", "ui-enabled")));
    assertEquals("spark", UnknownKeys.closest("sprak", List.of("spark", "train")));
    assertNull(UnknownKeys.closest("completely-different", List.of("spark", "train")));
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, UnknownKeys.editDistance("abc", "abc"));
    assertEquals(1, UnknownKeys.editDistance("abc", "abd"));
    assertEquals(1, UnknownKeys.editDistance("abc", "ab"));
    assertEquals(3, UnknownKeys.editDistance("", "abc"));
    assertEquals(2, UnknownKeys.editDistance("sprak", "spark"));
  }
}
