package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.extract.ExtractStep;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleanSettingsTest {
  private static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), new ConfigSchema(List.of("curate"), Set.of())).reader();
  }

  @Test
  void referenceConfHoldsTheDefaults() {
    SettingsReader r = reader();
    CleanSettings s = CleanSettings.read(r);
    r.finish();
    assertEquals(new CleanSettings(true, true, true, true, true, true, 1000, true, true, true,
        PiiRedactor.DEFAULT_EMAIL_PLACEHOLDERS, PiiRedactor.DEFAULT_IPV4_PLACEHOLDERS,
        PiiRedactor.DEFAULT_IPV6_PLACEHOLDERS, true, 2), s);
    assertEquals(List.of("nfc", "control", "mojibake", "c4-lines", "pii", "whitespace"),
        CleanChain.of(CurateSteps.of(ReferenceConf.curate())).cleaners().stream().map(Cleaner::name).toList());
  }

  @Test
  void theWholeChainCleansAPage() {
    CleanChain chain = CleanChain.of(CurateSteps.of(ReferenceConf.curate()));
    CleanCounters c = new CleanCounters();
    String html = "<html><body><p>Contact   me at jane@corp.example.com.</p><p>Enable JavaScript please.</p>"
        + "<p>Cafe\u0301 opens at 9.</p>\u0007</body></html>";
    // The extract step turns the page into text first (the whole page's, in full mode).
    StepDocument page = new StepDocument(html);
    new ExtractStep(ReferenceConf.curate("curate.extract.mode=full").extract()).run(page);
    assertEquals(1, page.counters().get("extract.html-in-text"));
    // The removed line leaves its blank lines: two in a row are allowed.
    assertEquals("Contact me at email@example.com.\n\n\nCaf\u00e9 opens at 9.", chain.apply(page.text(), c));
    assertEquals(1, c.get("c4-lines.removed-javascript"));
  }

  @Test
  void stepsCanBeTurnedOff() {
    CurateSettings s = ReferenceConf.curate("curate.clean.pii.enabled=false");
    assertEquals(List.of("nfc", "control", "mojibake", "c4-lines", "whitespace"),
        CleanChain.of(CurateSteps.of(s)).cleaners().stream().map(Cleaner::name).toList());
  }
}
