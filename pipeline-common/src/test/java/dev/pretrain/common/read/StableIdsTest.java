package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class StableIdsTest {
  @Test
  void idIsTheFirst128BitsOfSha256OverPathZeroByteAndOffset() {
    // printf 'file:/data/a.jsonl\000%s' 42 | sha256sum | cut -c1-32
    assertEquals("8550897aa666a62dd725cc7be3a0d668", StableIds.of("file:/data/a.jsonl", 42));
    assertEquals(StableIds.of("file:/data/a.jsonl", 42), StableIds.of("file:/data/a.jsonl", 42));
    assertNotEquals(StableIds.of("file:/data/a.jsonl", 42), StableIds.of("file:/data/a.jsonl", 43));
    assertNotEquals(StableIds.of("file:/data/a.jsonl4", 2), StableIds.of("file:/data/a.jsonl", 42));
  }
}
