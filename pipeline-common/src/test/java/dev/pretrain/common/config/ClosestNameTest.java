package dev.pretrain.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {
  @Test
  void closestSuggestsOnlyNearNames() {
    assertEquals("ui-enabled", ClosestName.of("ui-enabeld", List.of("app-name", "ui-enabled")));
    assertEquals("spark", ClosestName.of("sprak", List.of("spark", "train")));
    assertNull(ClosestName.of("completely-different", List.of("spark", "train")));
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, ClosestName.editDistance("abc", "abc"));
    assertEquals(1, ClosestName.editDistance("abc", "abd"));
    assertEquals(1, ClosestName.editDistance("abc", "ab"));
    assertEquals(3, ClosestName.editDistance("", "abc"));
    assertEquals(2, ClosestName.editDistance("sprak", "spark"));
  }
}
