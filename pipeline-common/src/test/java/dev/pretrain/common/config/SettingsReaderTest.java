package dev.pretrain.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {
  enum Mode { FAST, NEAR_DUPLICATE }

  private static SettingsReader reader(String hocon) {
    return new SettingsReader(ConfigFactory.parseString(hocon).resolve(), List.of());
  }

  private static List<String> problems(SettingsReader reader) {
    return assertThrows(ConfigError.class, reader::finish).problems();
  }

  @Test
  void integersAreCheckedAgainstTheirRangeIncludingBothEnds() {
    SettingsReader ok = reader("a = 1, b = 64");
    assertEquals(1, ok.intIn("a", 1, 64));
    assertEquals(64, ok.intIn("b", 1, 64));
    ok.finish();

    SettingsReader bad = reader("a = 0, b = 65, c = 1.5, d = x");
    bad.intIn("a", 1, 64);
    bad.intIn("b", 1, 64);
    bad.intIn("c", 1, 64);
    bad.intIn("d", 1, 64);
    bad.intIn("missing", 1, 64);
    assertEquals(List.of(
        "'a' must be an integer from 1 to 64, got 0 (String: 1)",
        "'b' must be an integer from 1 to 64, got 65 (String: 1)",
        "'c' must be an integer from 1 to 64, got 1.5 (String: 1)",
        "'d' must be an integer from 1 to 64, got 'x' (String: 1)",
        "'missing' is missing; it must be an integer from 1 to 64"), problems(bad));
  }

  @Test
  void optionalIntegersAreEmptyWhenNullOrAbsentAndCheckedWhenSet() {
    SettingsReader r = reader("unset = null, n = 20000, low = 0");
    assertEquals(java.util.OptionalLong.empty(), r.optionalLongIn("unset", 1, Long.MAX_VALUE));
    assertEquals(java.util.OptionalLong.empty(), r.optionalLongIn("absent", 1, Long.MAX_VALUE));
    assertEquals(java.util.OptionalLong.of(20000), r.optionalLongIn("n", 1, Long.MAX_VALUE));
    r.optionalLongIn("low", 1, 10);
    assertEquals(List.of("'low' must be an integer from 1 to 10, got 0 (String: 1)"), problems(r));
  }

  @Test
  void fractionsRejectNaNAndOutOfRange() {
    SettingsReader ok = reader("f = 0.1");
    assertEquals(0.1, ok.doubleIn("f", 0, 1));
    ok.finish();
    SettingsReader bad = reader("f = 1.01, g = -0.5");
    bad.doubleIn("f", 0, 1);
    bad.doubleIn("g", 0, 1);
    assertEquals(2, problems(bad).size());
  }

  @Test
  void sizesAcceptUnits() {
    SettingsReader ok = reader("s = 512m, t = 2 GiB");
    assertEquals(512L << 20, ok.bytesIn("s", 1, Long.MAX_VALUE));
    assertEquals(2L << 30, ok.bytesIn("t", 1, Long.MAX_VALUE));
    ok.finish();
    SettingsReader bad = reader("s = lots");
    bad.bytesIn("s", 1, Long.MAX_VALUE);
    assertEquals(List.of("'s' must be a size such as 512m or 2g, got 'lots' (String: 1)"), problems(bad));
  }

  @Test
  void enumsUseLowerCaseHyphenatedNamesAndListTheChoices() {
    SettingsReader ok = reader("m = near-duplicate");
    assertEquals(Mode.NEAR_DUPLICATE, ok.oneOf("m", Mode.class));
    ok.finish();
    SettingsReader bad = reader("m = NEAR_DUPLICATE");
    bad.oneOf("m", Mode.class);
    assertEquals(List.of("'m' must be one of: fast, near-duplicate, got 'NEAR_DUPLICATE' (String: 1)"), problems(bad));
  }

  @Test
  void nullMeansUnsetForOptionalStrings() {
    SettingsReader r = reader("a = null, b = \"\", c = x");
    assertEquals(java.util.Optional.empty(), r.optionalString("a"));
    assertEquals(java.util.Optional.empty(), r.optionalString("b"));
    assertEquals(java.util.Optional.of("x"), r.optionalString("c"));
    r.finish();
  }

  @Test
  void keysUnderASectionAreItsLeavesListsIncluded() {
    SettingsReader r = reader("by { zh { f.k = 1, g = [a, b] }, \"x.y\" = 2 }, flat = 3");
    assertEquals(List.of("x.y", "zh.f.k", "zh.g"), r.keysUnder("by"));
    assertEquals(List.of(), r.keysUnder("absent"));
    r.finish();
    SettingsReader bad = reader("flat = 3");
    assertEquals(List.of(), bad.keysUnder("flat"));
    assertEquals(List.of("'flat' must be a section, got 3 (String: 1)"), problems(bad));
  }

  @Test
  void listsInAFreeFormMapAreRejected() {
    SettingsReader bad = reader("conf { a = [1, 2], b = 3 }");
    assertEquals(java.util.Map.of("b", "3"), bad.flatStringMap("conf"));
    assertEquals(1, problems(bad).size());
  }

  @Test
  void aKeyWithATypeErrorIsNotReportedTwice() {
    SettingsReader bad = reader("s = 5");
    bad.string("missing-key", v -> false, "never reached");
    bad.check(false, "missing-key", "a cross-key rule");
    assertEquals(List.of("'missing-key' is missing; it must be a string"), problems(bad));
  }
}
