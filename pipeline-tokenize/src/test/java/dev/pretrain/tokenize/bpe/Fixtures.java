package dev.pretrain.tokenize.bpe;

import java.util.List;

/** Texts that exercise every branch of byte-level pre-tokenization and merging. */
public final class Fixtures {
  private Fixtures() {}

  public static final String ENGLISH = "The Fulton County Grand Jury said Friday an investigation of Atlanta's"
      + " recent primary election produced \"no evidence\" that any irregularities took place. "
      + "It's, I'd, we'll, they've, you're, I'm -- DON'T shout! 3.14159 and 1,000,000 (approx.)\n\n";

  public static final String CODE = "public static int main(String[] args) {\n"
      + "    for (int i = 0; i < args.length; i++) {\n\tSystem.out.println(args[i] + \"!\");\n    }\n"
      + "    return x->y ?? 0x7FFF_FFFF; // NOTE: ??? \r\n}\n"
      + "def f(x):\n    return {'a': [1, 2, 3], \"b\": None}  # comment\n";

  public static final String CJK = "東京は日本の首都です。北京是中国的首都。서울은 한국의 수도입니다. 漢字かな交じり文";

  public static final String ARABIC = "اللغة العربية هي لغة سامية، يتحدث بها أكثر من ٤٠٠ مليون شخص. مرحبا بالعالم!";

  public static final String EMOJI = "Hello 👋🏽 world 🌍! Family: 👨‍👩‍👧‍👦, flags 🇫🇷🇯🇵, ✨✨✨ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and \uD83D\uDE00.";

  public static final String WHITESPACE = "a" + " ".repeat(37) + "b\n\n\n\n  \t\t c" + "\n".repeat(20)
      + "\u00A0\u00A0nbsp\u3000ideographic\u2028line\u0085nel   " + " ".repeat(100);

  public static final String LONG_WORD = "x".repeat(3000) + " " + "ab".repeat(1500) + " "
      + "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(40) + " " + "é".repeat(700)
      + "1234567890".repeat(50) + "!?".repeat(400);

  public static final String SPECIALS = "first document<|endoftext|>second document <|endoftext|><|endoftext|>third";

  public static List<String> all() {
    return List.of(ENGLISH, CODE, CJK, ARABIC, EMOJI, WHITESPACE, LONG_WORD, SPECIALS,
        "", " ", "  leading spaces", "trailing spaces  ", "'s's'S 'll'LL x'\u017F 'ſt", "\u00E9\u0301 combining");
  }
}
