package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackerTest {

  @Test
  void cutsConcatenatedDocumentsIntoFullRowsAndDropsTheRemainder() {
    List<Packer.PackedRow> rows = new ArrayList<>();
    Packer packer = new Packer(4, false, 0, rows::add);
    packer.startGroup(7);
    packer.add(new int[] {1, 2, 3, 0}); // fills row 0 exactly
    packer.add(new int[] {4, 5, 0});
    packer.add(new int[] {6, 7, 8, 9, 0}); // starts in row 1, spills into row 2
    packer.finishGroup();
    assertEquals(3, rows.size());
    assertArrayEquals(new int[] {1, 2, 3, 0}, rows.get(0).tokens());
    assertArrayEquals(new int[] {0}, rows.get(0).docStarts());
    assertArrayEquals(new int[] {4, 5, 0, 6}, rows.get(1).tokens());
    assertArrayEquals(new int[] {0, 3}, rows.get(1).docStarts());
    assertArrayEquals(new int[] {7, 8, 9, 0}, rows.get(2).tokens());
    assertArrayEquals(new int[] {}, rows.get(2).docStarts());
    assertEquals(List.of(0L, 1L, 2L), rows.stream().map(Packer.PackedRow::row).toList());
    assertEquals(0, packer.droppedTokens());
  }

  @Test
  void eachGroupDropsItsOwnPartialRowAndRestartsRowNumbers() {
    List<Packer.PackedRow> rows = new ArrayList<>();
    Packer packer = new Packer(3, false, 0, rows::add);
    packer.startGroup(0);
    packer.add(new int[] {1, 2, 3, 4, 0});
    packer.startGroup(1);
    packer.add(new int[] {5, 0});
    packer.add(new int[] {6, 0});
    packer.finishGroup();
    assertEquals(2, rows.size());
    assertEquals(1, rows.get(1).group());
    assertEquals(0L, rows.get(1).row());
    assertArrayEquals(new int[] {5, 0, 6}, rows.get(1).tokens());
    assertArrayEquals(new int[] {0, 2}, rows.get(1).docStarts());
    assertEquals(2 + 1, packer.droppedTokens());
  }

  @Test
  void padsThePartialRowWithTheEndOfTextId() {
    List<Packer.PackedRow> rows = new ArrayList<>();
    Packer packer = new Packer(4, true, 99, rows::add);
    packer.startGroup(0);
    packer.add(new int[] {1, 99});
    packer.finishGroup();
    assertEquals(1, rows.size());
    assertArrayEquals(new int[] {1, 99, 99, 99}, rows.get(0).tokens());
    assertEquals(2, packer.paddedTokens());
    assertEquals(0, packer.droppedTokens());
  }
}
