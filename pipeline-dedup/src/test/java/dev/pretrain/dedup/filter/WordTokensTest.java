package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokensTest {
  @Test
  void peelsOuterPunctuationAndKeepsInnerPunctuation() {
    assertEquals(List.of("\"", "Don't", "stop", "\"", ",", "she", "said", "...", "(", "e-mail", ")", "U.S", "."),
        WordTokens.split("\"Don't stop\", she said... (e-mail) U.S."));
  }

  @Test
  void aRunOfOnePunctuationCharIsOneToken() {
    assertEquals(List.of("-----", "====", "!!", "?", "!"), WordTokens.split("----- ==== !!?!"));
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertEquals(List.of(), WordTokens.split(""));
    assertEquals(List.of(), WordTokens.split(" \n\t "));
  }

  @Test
  void inCharacterUnitsEachHanOrKanaCharIsAWordAndPunctuationIsSplitOff() {
    assertEquals(List.of("人", "人", "生", "而", "自", "由", ",", "在", "尊", "严", "和", "权", "利", "上", "一", "律", "平", "等", "。"),
        WordTokens.split("人人生而自由,在尊严和权利上一律平等。", WordUnits.CHARACTERS));
    // Kana, the prolonged sound mark and the iteration mark are units; Latin words and numbers stay whole.
    assertEquals(List.of("「", "コ", "ー", "ド", "」", "は", "UTF-8", "で", "1998", "年", "人", "々"),
        WordTokens.split("「コード」はUTF-8で1998年 人々", WordUnits.CHARACTERS));
  }

  @Test
  void inCharacterUnitsAThaiMarkBelongsToItsConsonant() {
    // ที่ = ท + the vowel sign ี + the tone mark ่ : one unit; และ = แ ล ะ : three letters, three units.
    assertEquals(List.of("ที่", "แ", "ล", "ะ"), WordTokens.split("ที่และ", WordUnits.CHARACTERS));
  }

  @Test
  void spacedScriptsSplitAsBeforeInCharacterUnits() {
    String text = "\"Don't stop\", she said... (e-mail) U.S.";
    assertEquals(WordTokens.split(text), WordTokens.split(text, WordUnits.CHARACTERS));
  }

  @Test
  void theEthiopicWordspaceSeparatesWords() {
    assertEquals(List.of("የሰው", "ልጅ", "ሁሉ", "።"), WordTokens.split("የሰው፡ልጅ፡ሁሉ ።"));
  }

  @Test
  void isSpaceAgreesWithItsDefinitionOnEveryCodePoint() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      boolean definition = c == ' ' || c == '\n' || c == '\t' || c == '\r' || Character.isWhitespace(c)
          || Character.isSpaceChar(c) || c == '\u1361';
      assertEquals(definition, WordTokens.isSpace(c), "U+" + Integer.toHexString(c));
    }
  }
}
