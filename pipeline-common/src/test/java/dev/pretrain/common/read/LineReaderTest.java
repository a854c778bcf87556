package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private record Line(String text, long offset, long fullLength, boolean oversized) {}

  private static List<Line> lines(byte[] input, int max) throws IOException {
    LineReader reader = new LineReader(new ByteArrayInputStream(input), max);
    List<Line> out = new ArrayList<>();
    while (reader.next()) {
      out.add(new Line(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8),
          reader.offset(), reader.fullLength(), reader.oversized()));
    }
    return out;
  }

  private static List<Line> lines(String input, int max) throws IOException {
    return lines(input.getBytes(StandardCharsets.UTF_8), max);
  }

  @Test
  void givesEachLineWithTheByteOffsetWhereItStarts() throws IOException {
    assertEquals(List.of(
        new Line("ab", 0, 2, false),
        new Line("", 3, 0, false),
        new Line("h\u00e9", 4, 3, false),
        new Line("last", 8, 4, false)), lines("ab\n\nh\u00e9\nlast", 100));
  }

  @Test
  void stripsCarriageReturnsOfWindowsLineEndingsButCountsThemInOffsets() throws IOException {
    assertEquals(List.of(new Line("a", 0, 1, false), new Line("b", 3, 1, false)), lines("a\r\nb\r\n", 100));
  }

  @Test
  void emptyInputHasNoLinesAndAFinalNewlineAddsNone() throws IOException {
    assertEquals(List.of(), lines("", 10));
    assertEquals(1, lines("x\n", 10).size());
  }

  @Test
  void oversizedLinesAreCappedReportedAndDoNotSwallowTheNextLine() throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      big.append('x');
    }
    List<Line> out = lines(big + "\nnext\n", 1000);
    assertEquals(2, out.size());
    assertTrue(out.get(0).oversized());
    assertEquals(200_000, out.get(0).fullLength());
    assertEquals(1000, out.get(0).text().length());
    assertEquals(new Line("next", 200_001, 4, false), out.get(1));
    assertFalse(out.get(1).oversized());
  }

  @Test
  void aLineExactlyAtTheCapIsNotOversized() throws IOException {
    List<Line> out = lines("12345\n123456\n", 5);
    assertFalse(out.get(0).oversized());
    assertTrue(out.get(1).oversized());
  }
}
