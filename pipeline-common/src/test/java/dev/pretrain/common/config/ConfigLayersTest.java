package dev.pretrain.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.spark.SparkSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLayersTest {
  private static final ConfigSchema SCHEMA = SparkSettings.SCHEMA;

  private static SparkSettings spark(Optional<ConfigSource> file, String... sets) {
    SettingsReader reader = ConfigLayers.load(file, List.of(sets), SCHEMA).reader();
    SparkSettings settings = SparkSettings.read(reader);
    reader.finish();
    return settings;
  }

  private static ConfigError error(Optional<ConfigSource> file, String... sets) {
    return assertThrows(ConfigError.class, () -> spark(file, sets));
  }

  private static Optional<ConfigSource> file(String text) {
    return Optional.of(new ConfigSource("conf/test.conf", text));
  }

  @Test
  void referenceDefaultsApplyWhenNothingIsGiven() {
    SparkSettings settings = spark(Optional.empty());
    assertEquals("local[*]", settings.localMaster());
    assertEquals(false, settings.uiEnabled());
    assertEquals(true, settings.consoleProgress());
    assertEquals(Optional.empty(), settings.localDir());
    assertEquals(Map.of(), settings.conf());
  }

  @Test
  void fileOverridesReferenceAndSetOverridesFile() {
    Optional<ConfigSource> conf = file("spark { local-master = \"local[4]\", app-name = from-file }");
    assertEquals("local[4]", spark(conf).localMaster());
    SparkSettings both = spark(conf, "spark.local-master=local[2]");
    assertEquals("local[2]", both.localMaster());
    assertEquals("from-file", both.appName());
  }

  @Test
  void laterSetWinsOverEarlierSet() {
    assertEquals("local[3]", spark(Optional.empty(), "spark.local-master=local[1]", "spark.local-master=local[3]").localMaster());
  }

  @Test
  void setKeepsUrlsAndBracketsVerbatimAndParsesTypedLiterals() {
    SparkSettings settings = spark(Optional.empty(),
        "spark.local-dir=s3a://bucket/tmp#x",
        "spark.ui-enabled=true",
        "spark.conf.spark.sql.shuffle.partitions=8");
    assertEquals(Optional.of("s3a://bucket/tmp#x"), settings.localDir());
    assertTrue(settings.uiEnabled());
    assertEquals(Map.of("spark.sql.shuffle.partitions", "8"), settings.conf());
  }

  @Test
  void freeFormSectionAcceptsAnyKeyAndFlattensNesting() {
    SparkSettings settings = spark(file("""
        spark.conf {
          spark.sql.shuffle.partitions = 16
          "spark.serializer" = "org.apache.spark.serializer.KryoSerializer"
        }
        """));
    assertEquals(Map.of(
        "spark.sql.shuffle.partitions", "16",
        "spark.serializer", "org.apache.spark.serializer.KryoSerializer"), settings.conf());
  }

  @Test
  void unknownKeyIsNamedWithItsOriginAndAClosestMatch() {
    ConfigError e = error(file("spark {\n  ui-enabeld = true\n}"));
    assertEquals(1, e.problems().size());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("unknown key 'spark.ui-enabeld' (conf/test.conf: 2)"), problem);
    assertTrue(problem.contains("did you mean 'spark.ui-enabled'?"), problem);
    assertTrue(problem.contains("Known keys under 'spark': app-name, conf, console-progress"), problem);
  }

  @Test
  void aRemovedKeyIsRefusedWithWhyItWentNotAsAMisspelling() {
    ConfigSchema withRemoved = SCHEMA.plus(new ConfigSchema(List.of(), java.util.Set.of(),
        Map.of("spark.max-widgets", "widgets are no longer cut; delete this setting")));
    ConfigError e = assertThrows(ConfigError.class, () -> {
      SettingsReader reader = ConfigLayers.load(file("spark {\n  max-widgets = 10\n}"), List.of(), withRemoved).reader();
      SparkSettings.read(reader);
      reader.finish();
    });
    assertEquals(List.of("key 'spark.max-widgets' (conf/test.conf: 2) was removed: widgets are no longer cut;"
        + " delete this setting"), e.problems());
  }

  @Test
  void unknownTopLevelSectionIsRejected() {
    ConfigError e = error(Optional.empty(), "sprak.ui-enabled=true");
    assertTrue(e.getMessage().contains("unknown key 'sprak' (--set sprak.ui-enabled=true"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'spark'?"), e.getMessage());
  }

  @Test
  void wrongTypeNamesTheKeyTheExpectedTypeAndTheValue() {
    ConfigError e = error(Optional.empty(), "spark.console-progress=maybe");
    assertEquals(List.of("'spark.console-progress' must be true or false, got 'maybe' (--set spark.console-progress=maybe)"),
        e.problems());
  }

  @Test
  void sectionGivenAsScalarIsATypeError() {
    ConfigError e = error(file("spark.conf = 5"));
    assertTrue(e.getMessage().contains("'spark.conf' must be a section of key = value settings, got 5 (conf/test.conf: 1)"),
        e.getMessage());
  }

  @Test
  void outOfRangeValueListsWhatIsAllowed() {
    ConfigError e = error(Optional.empty(), "spark.local-master=yarn");
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith(
        "'spark.local-master' must be local, local[N], local[*] or local[N,maxFailures]"), e.getMessage());
    assertTrue(e.problems().get(0).endsWith("got 'yarn' (--set spark.local-master=yarn)"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigError e = error(file("spark.app-name = \"\""), "spark.nope=1", "spark.ui-enabled=3");
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("invalid configuration (3 problems):"), e.getMessage());
  }

  @Test
  void malformedSetAndUnparsableFileAreClearErrors() {
    assertEquals(List.of("--set 'spark.ui-enabled' must have the form key=value"),
        assertThrows(ConfigError.class, () -> ConfigLayers.load(Optional.empty(), List.of("spark.ui-enabled"), SCHEMA)).problems());
    ConfigError parse = assertThrows(ConfigError.class,
        () -> ConfigLayers.load(file("spark { local-master = "), List.of(), SCHEMA));
    assertTrue(parse.getMessage().contains("cannot parse conf/test.conf"), parse.getMessage());
  }

  @Test
  void substitutionsResolveAcrossLayers() {
    // A substitution may point at a default (app-name is only in reference.conf here).
    SparkSettings settings = spark(file("spark.local-dir = \"/data/\"${spark.app-name}\"/spill\""));
    assertEquals(Optional.of("/data/pretrain-pipeline/spill"), settings.localDir());
  }

  @Test
  void printedConfigShowsResolvedValuesAndFlatSparkSettings() {
    String printed = ConfigLayers.load(Optional.empty(),
        List.of("spark.app-name=mine", "spark.conf.spark.sql.shuffle.partitions=8"), SCHEMA).render();
    assertTrue(printed.contains("app-name=mine"), printed);
    assertTrue(printed.contains("\"spark.sql.shuffle.partitions\"=8"), printed);
    assertTrue(printed.contains("# Master for runs that are not started by spark-submit"), printed);
  }

  @Test
  void anOpenSectionAcceptsAnyKeyAndStaysNestedWhenPrinted() {
    ConfigSchema open = SCHEMA.plus(new ConfigSchema(List.of(), java.util.Set.of(), Map.of(), java.util.Set.of("spark.extra")));
    LoadedConfig loaded = ConfigLayers.load(Optional.empty(), List.of("spark.extra.zh.filter.key=1"), open);
    SettingsReader reader = loaded.reader();
    assertEquals(List.of("zh.filter.key"), reader.keysUnder("spark.extra"));
    reader.finish();
    String printed = loaded.render();
    assertTrue(printed.contains("key=1"), printed);
    assertTrue(!printed.contains("\"zh.filter.key\""), printed);
  }

  @Test
  void aPresetSitsBetweenTheDefaultsAndTheUsersFile() {
    Optional<ConfigSource> preset = Optional.of(new ConfigSource("preset.conf",
        "spark { local-master = \"local[1]\", app-name = from-preset }"));
    SettingsReader presetOnly = ConfigLayers.load(Optional.empty(), List.of(), SCHEMA, preset).reader();
    assertEquals("local[1]", SparkSettings.read(presetOnly).localMaster());
    SettingsReader withFile = ConfigLayers.load(file("spark.local-master = \"local[3]\""),
        List.of("spark.app-name=from-set"), SCHEMA, preset).reader();
    SparkSettings settings = SparkSettings.read(withFile);
    assertEquals("local[3]", settings.localMaster());
    assertEquals("from-set", settings.appName());
  }
}
