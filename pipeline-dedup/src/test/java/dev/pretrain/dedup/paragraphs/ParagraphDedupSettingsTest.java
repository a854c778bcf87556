package dev.pretrain.dedup.paragraphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphDedupSettingsTest {

  @Test
  void referenceConfTurnsItOffWithTheMeasuredDefaults() {
    assertEquals(new ParagraphDedupSettings(false, TextUnits.Unit.PARAGRAPH, 3, 20, true),
        ReferenceConf.curate().paragraphDedup());
    assertEquals(TextUnits.Unit.LINE, ReferenceConf.curate("curate.paragraph-dedup.unit=line").paragraphDedup().unit());
  }

  @Test
  void badValuesFailNamingTheKey() {
    for (List<String> bad : List.of(
        List.of("curate.paragraph-dedup.min-documents=1", "curate.paragraph-dedup.min-documents"),
        List.of("curate.paragraph-dedup.unit=sentence", "curate.paragraph-dedup.unit"),
        List.of("curate.paragraph-dedup.min-length=-1", "curate.paragraph-dedup.min-length"),
        List.of("curate.paragraph-dedup.keep-frist=true", "curate.paragraph-dedup.keep-frist"))) {
      ConfigError e = assertThrows(ConfigError.class, () -> ReferenceConf.curate(bad.get(0)), bad.get(0));
      assertEquals(1, e.problems().size(), e.getMessage());
      assertEquals(true, e.problems().get(0).contains("'" + bad.get(1) + "'"), e.problems().get(0));
    }
  }
}
