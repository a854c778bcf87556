package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlDetectorTest {
  @Test
  void detectsPagesByTheirStartOrByManyTags() {
    assertTrue(HtmlDetector.looksLikeHtml("\ufeff  <!DOCTYPE html><title>x</title>"));
    assertTrue(HtmlDetector.looksLikeHtml("<HTML><body>hi</body></HTML>"));
    assertTrue(HtmlDetector.looksLikeHtml("Intro <div><p>One</p><p>Two</p><br></div>"));
  }

  @Test
  void proseThatMentionsTagsIsNotHtml() {
    assertFalse(HtmlDetector.looksLikeHtml("Plain text."));
    assertFalse(HtmlDetector.looksLikeHtml("Use <br> for a break and <p> for a paragraph; a < b > c."));
    // Four tags and a closing one: under the five-tag minimum.
    assertFalse(HtmlDetector.looksLikeHtml("say <b>hi</b> and <i>bye</i>"));
    assertTrue(HtmlDetector.looksLikeHtml("say <b>hi</b> and <i>bye</i> <br>"));
  }
}
