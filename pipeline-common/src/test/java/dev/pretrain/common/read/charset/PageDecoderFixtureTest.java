package dev.pretrain.common.read.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.common.read.charset.DecodedPage.Decision;
import dev.pretrain.common.read.charset.PageDecoderFixture.Variant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page of the fixture decodes to exactly its original text, whatever it declares. */
class PageDecoderFixtureTest {
  static List<Variant> variants() {
    return PageDecoderFixture.variants();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void decodesEveryVariantExactly(Variant v) {
    DecodedPage page = new PageDecoder().decode(v.bytes(), 0, v.bytes().length, v.contentType());
    assertEquals(v.expected(), page.text(), () -> v.name() + " decoded as " + page.charset() + " by " + page.decidedBy());
    assertEquals(v.charset(), page.charset());
    assertEquals(0, page.replacements());
    Decision expected = v.charset().equals("UTF-16LE") ? Decision.BOM : switch (v.declaration()) {
      case CORRECT_HTTP -> Decision.HTTP;
      case CORRECT_META -> Decision.META;
      case MISSING, WRONG_HTTP, WRONG_META -> Decision.DETECTED;
    };
    assertEquals(expected, page.decidedBy());
  }
}
