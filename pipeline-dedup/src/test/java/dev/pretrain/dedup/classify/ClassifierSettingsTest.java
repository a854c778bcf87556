package dev.pretrain.dedup.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {
  private static final ConfigSchema SCHEMA = new ConfigSchema(List.of("curate"), Set.of());

  private static List<ClassifierSettings> read(String list) {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of("curate.filter.classifiers=" + list), SCHEMA).reader();
    List<ClassifierSettings> read = ClassifierSettings.readAll(r);
    r.finish();
    return read;
  }

  private static List<String> problems(String list) {
    return assertThrows(ConfigError.class, () -> read(list)).problems();
  }

  @Test
  void eachElementIsOneClassifierWithItsDefaults() {
    List<ClassifierSettings> read = read("[{ name = dclm, model = \"s3a://b/dclm.bin\", label = __label__hq,"
        + " min-score = 0.02 }, { name = spam, model = spam.ftz, label = __label__spam, max-score = 0.5,"
        + " lowercase = true, newlines = lines }]");
    assertEquals(List.of(
        new ClassifierSettings("dclm", "s3a://b/dclm.bin", "__label__hq", ClassifierSettings.Bound.MIN_SCORE, 0.02,
            false, ClassifierSettings.Newlines.SPACE),
        new ClassifierSettings("spam", "spam.ftz", "__label__spam", ClassifierSettings.Bound.MAX_SCORE, 0.5,
            true, ClassifierSettings.Newlines.LINES)), read);
    assertEquals("dclm_score", read.get(0).column());
    assertEquals("classifier:spam", read.get(1).rule());
    assertTrue(read.get(0).keeps(0.02) && !read.get(0).keeps(0.0199));
    assertTrue(read.get(1).keeps(0.5) && !read.get(1).keeps(0.51));
  }

  @Test
  void noClassifiersByDefault() {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of(), SCHEMA).reader();
    assertEquals(List.of(), ClassifierSettings.readAll(r));
    r.finish();
  }

  @Test
  void aMisspeltKeyIsNamedWithItsElementAndTheClosestKnownKey() {
    List<String> problems = problems("[{ name = a, model = m.bin, label = __label__x, min-score = 0.1 },"
        + " { name = b, model = m.bin, label = __label__x, min-scor = 0.1 }]");
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("unknown key 'curate.filter.classifiers[1].min-scor'")
        && p.contains("did you mean 'curate.filter.classifiers[1].min-score'")), problems.toString());
  }

  @Test
  void exactlyOneBoundIsRequired() {
    assertTrue(problems("[{ name = a, model = m.bin, label = __label__x }]").get(0)
        .startsWith("'curate.filter.classifiers[0].min-score' exactly one of min-score and max-score"));
    assertTrue(problems("[{ name = a, model = m.bin, label = __label__x, min-score = 0.1, max-score = 0.9 }]").get(0)
        .startsWith("'curate.filter.classifiers[0].max-score' exactly one of min-score and max-score"));
  }

  @Test
  void badValuesAreAllReportedNamingTheirElement() {
    List<String> problems = problems("[{ name = \"Bad-Name\", model = \"\", label = __label__x, min-score = 1.5,"
        + " newlines = join }, { name = ok, model = m.bin, label = __label__x, max-score = 0.1 },"
        + " { name = ok, model = m.bin, label = __label__y, max-score = 0.1 }]");
    assertEquals(5, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("'curate.filter.classifiers[0].name' must be lower-case letters"), problems.get(0));
    assertTrue(problems.get(1).startsWith("'curate.filter.classifiers[0].model' must be the path"), problems.get(1));
    assertTrue(problems.get(2).startsWith("'curate.filter.classifiers[0].min-score' must be a number from 0.0 to 1.0"),
        problems.get(2));
    assertTrue(problems.get(3).startsWith("'curate.filter.classifiers[0].newlines' must be one of: space, lines"),
        problems.get(3));
    assertTrue(problems.get(4).startsWith("'curate.filter.classifiers[2].name' must differ"), problems.get(4));
  }

  @Test
  void aSectionWhereAListBelongsIsAnError() {
    List<String> problems = problems("{ name = a }");
    assertTrue(problems.get(0).startsWith("'curate.filter.classifiers' must be a list of sections"), problems.toString());
  }
}
