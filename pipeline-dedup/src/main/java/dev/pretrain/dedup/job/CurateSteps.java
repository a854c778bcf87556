package dev.pretrain.dedup.job;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.classify.ClassifierSettings;
import dev.pretrain.dedup.classify.ClassifierStep;
import dev.pretrain.dedup.clean.C4LineCleaner;
import dev.pretrain.dedup.clean.CleanSettings;
import dev.pretrain.dedup.clean.ControlCharacters;
import dev.pretrain.dedup.clean.MojibakeCounter;
import dev.pretrain.dedup.clean.PiiRedactor;
import dev.pretrain.dedup.clean.UnicodeNfc;
import dev.pretrain.dedup.clean.Whitespace;
import dev.pretrain.dedup.extract.ExtractSettings;
import dev.pretrain.dedup.extract.ExtractStep;
import dev.pretrain.dedup.filter.C4PageFilter;
import dev.pretrain.dedup.filter.FilterSettings;
import dev.pretrain.dedup.filter.FineWebQualityFilter;
import dev.pretrain.dedup.filter.GopherQualityFilter;
import dev.pretrain.dedup.filter.GopherRepetitionFilter;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.minhash.ExactKeyStep;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHashStep;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.EmptyAfterCleaning;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.url.UrlFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The curate job's per-document steps, in the order they run: the one list the job
 * ({@link PerDocument}) and {@code PerDocumentBench} both run. A document dropped by a step skips
 * the rest. Each step's switch and thresholds are its section of {@code curate.url-filter},
 * {@code curate.clean}, {@code curate.filter} or {@code curate.minhash} (reference.conf).
 */
public final class CurateSteps {
  private CurateSteps() {}

  /**
   * The steps of a JVM that reads the URL blocklist, if any, with Hadoop's default configuration
   * (tests and benches; the job ships its own to the executors).
   */
  public static List<DocumentStep> of(CurateSettings settings) {
    return of(settings, new Configuration());
  }

  /**
   * New instances (steps hold per-thread buffers): one list per task.
   *
   * @param hadoop the file systems the URL blocklist is read from (once per JVM)
   */
  public static List<DocumentStep> of(CurateSettings settings, Configuration hadoop) {
    return plan(settings, hadoop).stream().map(p -> p.step().get()).toList();
  }

  /**
   * The values the filters measure per document, in the order of the steps: the processed table's
   * {@code measures} column holds them at these positions (built without building the steps, which
   * would load their models and lists).
   */
  public static List<Measure> measures(CurateSettings settings) {
    return plan(settings, null).stream().flatMap(p -> p.measures().stream()).toList();
  }

  /** Each measuring step's name → the position of its first measure in {@link #measures}. */
  public static Map<String, Integer> measureOffsets(List<Measure> measures) {
    Map<String, Integer> offsets = new HashMap<>();
    for (int i = 0; i < measures.size(); i++) {
      offsets.putIfAbsent(measures.get(i).filter(), i);
    }
    return offsets;
  }

  /**
   * New instances of the steps that judge a document by its text alone, in the job's order: the
   * empty-text check and the quality filters, with the job's classes and settings (so a text is
   * judged as the job would), taken from the same plan as {@link #of}. Not the URL filter, cleaners,
   * language identification, classifiers or dedup keys: none of the others is built, so no list or
   * model is loaded, and no file system is needed. Paragraph dedup runs them again on a document
   * it shortened.
   */
  public static List<DocumentStep> recheck(CurateSettings settings) {
    return plan(settings, null).stream().filter(Planned::rechecks).map(p -> p.step().get()).toList();
  }

  /** The names of the steps, in order (the report's funnel orders the filters by them). */
  public static List<String> names(CurateSettings settings) {
    return plan(settings, null).stream().map(Planned::name).toList();
  }

  /**
   * A step the settings turn on: its name, how to build it, what it measures, and whether it is
   * one of the {@link #recheck} steps.
   */
  private record Planned(String name, Supplier<DocumentStep> step, List<Measure> measures, boolean rechecks) {}

  /** The values of {@link Planned#rechecks}, named at the steps of {@link #plan}. */
  private static final boolean RECHECK = true;
  private static final boolean ONCE = false;

  private static List<Planned> plan(CurateSettings settings, Configuration hadoop) {
    CleanSettings clean = settings.clean();
    FilterSettings filter = settings.filter();
    MinHashSettings minhash = settings.minhash();
    List<Planned> steps = new ArrayList<>();
    // By URL first, as FineWeb: a blocked page costs no extraction, cleaning or filtering.
    add(steps, filter.enabled() && settings.urlFilter().enabled(), UrlFilter.NAME,
        () -> new UrlFilter(settings.urlFilter(), hadoop));
    // HTML to text before any cleaner: the cleaners and filters read text.
    add(steps, settings.extract().mode() != ExtractSettings.Mode.OFF, ExtractStep.NAME,
        () -> new ExtractStep(settings.extract()));
    // Cleaning; whitespace last: removed lines leave blank runs behind.
    add(steps, clean.nfc(), "nfc", UnicodeNfc::new);
    add(steps, clean.controlChars(), "control", ControlCharacters::new);
    add(steps, clean.mojibake(), "mojibake", MojibakeCounter::new);
    add(steps, clean.c4Lines(), "c4-lines",
        () -> new C4LineCleaner(clean.c4Javascript(), clean.c4Policy(), clean.c4MaxWordLength()));
    add(steps, clean.pii(), "pii", () -> new PiiRedactor(clean.piiEmails(), clean.piiPublicIps(),
        clean.emailPlaceholders(), clean.ipv4Placeholders(), clean.ipv6Placeholders()));
    add(steps, clean.whitespace(), "whitespace", () -> new Whitespace(clean.maxBlankLines()));
    steps.add(new Planned(EmptyAfterCleaning.NAME, EmptyAfterCleaning::new, List.of(), RECHECK));
    // Filters: C4's page rules first (cheap, and the same in every language), then language
    // identification, so that the filters after it use the language's settings (stop words, word
    // units, thresholds: FineWeb-2 tunes them per language); then in the order FineWeb runs them.
    // Language identification looks at the first max-chars chars and stops once the document is
    // certainly kept, so running it before the costlier Gopher rules adds little.
    if (filter.enabled() && filter.c4Page().enabled()) {
      steps.add(new Planned(C4PageFilter.NAME, () -> new C4PageFilter(filter.c4Page()), List.of(), RECHECK));
    }
    if (filter.enabled() && filter.language().enabled()) {
      steps.add(new Planned(LanguageFilter.NAME, () -> new LanguageFilter(filter.language(), hadoop),
          LanguageFilter.measures(filter.language()), ONCE));
    }
    if (filter.enabled() && filter.runs(p -> p.gopherRepetition().enabled())) {
      steps.add(new Planned(GopherRepetitionFilter.NAME, () -> new GopherRepetitionFilter(filter.byLanguage()),
          GopherRepetitionFilter.measures(filter.byLanguage()), RECHECK));
    }
    if (filter.enabled() && filter.runs(p -> p.gopherQuality().enabled())) {
      steps.add(new Planned(GopherQualityFilter.NAME, () -> new GopherQualityFilter(filter.byLanguage()),
          GopherQualityFilter.measures(filter.byLanguage()), RECHECK));
    }
    if (filter.enabled() && filter.runs(p -> p.finewebQuality().enabled())) {
      steps.add(new Planned(FineWebQualityFilter.NAME, () -> new FineWebQualityFilter(filter.byLanguage()),
          FineWebQualityFilter.measures(filter.byLanguage()), RECHECK));
    }
    // Model-based filters after every heuristic one: a model costs the most per document.
    if (filter.enabled()) {
      filter.classifiers().forEach(classifier -> steps.add(new Planned("classifier:" + classifier.name(),
          () -> new ClassifierStep(classifier, hadoop), ClassifierStep.measures(classifier), ONCE)));
    }
    // Dedup keys of kept documents; with implementation = sql the band keys come later (SqlMinHash).
    add(steps, true, "exact-key", ExactKeyStep::new);
    add(steps, minhash.implementation() == MinHashSettings.Implementation.JVM, "minhash", () -> new MinHashStep(minhash));
    return steps;
  }

  /** Runs the steps over one document in order: the first drop ends its way (empty when kept). */
  public static Optional<Rejection> run(List<DocumentStep> steps, StepDocument document) {
    for (DocumentStep step : steps) {
      Optional<Rejection> dropped = step.run(document);
      if (dropped.isPresent()) {
        return dropped;
      }
    }
    return Optional.empty();
  }

  /** The {@code documents/} columns the classifiers fill, in their configured order (none when filters are off). */
  public static List<String> scoreColumns(CurateSettings settings) {
    return settings.filter().enabled()
        ? settings.filter().classifiers().stream().map(ClassifierSettings::column).toList()
        : List.of();
  }

  /** A step that measures nothing and is not a {@link #recheck} step. */
  private static void add(List<Planned> steps, boolean enabled, String name, Supplier<DocumentStep> step) {
    if (enabled) {
      steps.add(new Planned(name, step, List.of(), ONCE));
    }
  }
}
