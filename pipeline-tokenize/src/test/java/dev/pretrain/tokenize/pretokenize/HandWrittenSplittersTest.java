package dev.pretrain.tokenize.pretokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandWrittenSplittersTest {
  private static final String ALPHABET =
      "ab Z'srtvelmdSRTVELMD\u017F09٤\n\t\r\u00A0\u3000\u2028\u0085!?.,-_\"é東👋😀\u0301\u001C\u2160";

  static List<String> pieces(PreTokenizer p, String text) {
    List<String> out = new ArrayList<>();
    p.split(text, 0, text.length(), (t, s, e) -> out.add(t.substring(s, e)));
    return out;
  }

  @Test
  void gpt2SplitterSplitsLikeTheGpt2Regex() {
    assertSplitsLikeRegex(new Gpt2Splitter(), SplitPatterns.GPT2);
  }

  @Test
  void cl100kSplitterSplitsLikeTheCl100kRegex() {
    assertSplitsLikeRegex(new Cl100kSplitter(), SplitPatterns.CL100K);
  }

  private static void assertSplitsLikeRegex(PreTokenizer fast, String pattern) {
    PreTokenizer regex = new RegexSplitter(SplitPatterns.compile(pattern));
    Random random = new Random(42);
    int[] cps = ALPHABET.codePoints().toArray();
    for (int i = 0; i < 20000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(30);
      for (int j = 0; j < n; j++) {
        sb.appendCodePoint(cps[random.nextInt(cps.length)]);
      }
      String text = sb.toString();
      assertEquals(pieces(regex, text), pieces(fast, text), () -> "text: [" + text + "]");
    }
  }

  @Test
  void keepsTheLastSpaceOfARunForTheNextWord() {
    assertEquals(List.of("Hello", "   ", " world", "\n\n"), pieces(new Gpt2Splitter(), "Hello    world\n\n"));
    assertEquals(List.of("a", "\n", "\n", "b"), pieces(new Gpt2Splitter(), "a\n\nb"));
    // GPT-2's contractions are lower-case only: "'S" is punctuation then a letter.
    assertEquals(List.of("I", "'m", " fine", "'s", "'", "S"), pieces(new Gpt2Splitter(), "I'm fine's'S"));
  }

  @Test
  void cl100kPatternGroupsDigitsInThrees() {
    PreTokenizer cl100k = SplitPatterns.splitterFor(SplitPatterns.CL100K);
    assertEquals(List.of("123", "456", "7", " HELLO", "'S", "\n\n"), pieces(cl100k, "1234567 HELLO'S\n\n"));
  }
}
