package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import org.junit.jupiter.api.Test;

class C4PageFilterTest {
  @Test
  void dropsPagesWithLoremIpsumInAnyCase() {
    Verdict v = new C4PageFilter(ReferenceConf.curate().filter().c4Page())
        .apply("Intro.\nLorem Ipsum dolor sit amet.\nlorem ipsum again, LOREM IPSUM a third time.");
    assertEquals("lorem-ipsum", v.rule());
    assertEquals(3, v.value()); // how often, not where
    assertEquals("c4-page/lorem-ipsum", v.reason());
  }

  @Test
  void curlyBracketRuleDropsCodeAndCanBeTurnedOff() {
    String code = "Use it like this: if (x) { run(); } else { stop(); }";
    Verdict v = new C4PageFilter(ReferenceConf.curate().filter().c4Page()).apply(code);
    assertEquals("curly-bracket", v.rule());
    assertEquals(2, v.value()); // the page's opening brackets, not the position of the first
    assertTrue(new C4PageFilter(new C4PageSettings(true, true, false)).apply(code).kept());
  }

  @Test
  void plainProseIsKept() {
    assertTrue(new C4PageFilter(ReferenceConf.curate().filter().c4Page()).apply("Lorem is a name; ipsum is not near it.").kept());
  }
}
