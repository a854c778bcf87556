package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class C4PageFilterTest {
  @Test
  void dropsPagesWithLoremIpsumInAnyCase() {
    Verdict v = new C4PageFilter(C4PageSettings.defaults()).apply("Intro.\nLorem Ipsum dolor sit amet.");
    assertEquals("lorem-ipsum", v.rule());
    assertEquals(7, v.value());
  }

  @Test
  void curlyBracketRuleDropsCodeAndCanBeTurnedOff() {
    String code = "Use it like this: if (x) { run(); }";
    assertEquals("curly-bracket", new C4PageFilter(C4PageSettings.defaults()).apply(code).rule());
    assertTrue(new C4PageFilter(new C4PageSettings(true, true, false)).apply(code).kept());
  }

  @Test
  void plainProseIsKept() {
    assertTrue(new C4PageFilter(C4PageSettings.defaults()).apply("Lorem is a name; ipsum is not near it.").kept());
  }
}
