package dev.pretrain.dedup.paragraphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The re-check steps are built once per thread and settings, not once per partition. */
class ParagraphRemovalTest {
  private static List<String> names(List<DocumentStep> steps) {
    return steps.stream().map(DocumentStep::name).toList();
  }

  @Test
  void equalSettingsOnOneThreadShareTheirRecheckSteps() {
    // Equal, not the same instance: each task deserializes its own copy of the settings.
    List<DocumentStep> first = ParagraphRemoval.recheck(ReferenceConf.curate());
    assertSame(first, ParagraphRemoval.recheck(ReferenceConf.curate()));
    assertEquals(names(CurateSteps.recheck(ReferenceConf.curate())), names(first));
  }

  @Test
  void otherSettingsGetStepsOfTheirOwn() {
    CurateSettings withoutGopherQuality = ReferenceConf.curate("curate.filter.gopher-quality.enabled=false");
    List<DocumentStep> reference = ParagraphRemoval.recheck(ReferenceConf.curate());
    List<DocumentStep> other = ParagraphRemoval.recheck(withoutGopherQuality);
    assertNotSame(reference, other);
    assertEquals(names(CurateSteps.recheck(withoutGopherQuality)), names(other));
  }

  @Test
  void anotherThreadGetsStepsOfItsOwn() throws InterruptedException {
    // A step serves one thread (GopherQualityFilter caches stop-word sets in a plain map).
    CurateSettings settings = ReferenceConf.curate();
    List<DocumentStep> here = ParagraphRemoval.recheck(settings);
    AtomicReference<List<DocumentStep>> there = new AtomicReference<>();
    Thread thread = new Thread(() -> there.set(ParagraphRemoval.recheck(settings)));
    thread.start();
    thread.join();
    assertNotSame(here, there.get());
    for (int i = 0; i < here.size(); i++) {
      assertNotSame(here.get(i), there.get().get(i));
    }
  }
}
