package dev.pretrain.dedup.url;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.filter.Verdict;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Drops a page by its URL before any work is spent on its text, as FineWeb's pipeline starts
 * (Penedo et al. 2024, section 3.2; datatrove's URLFilter): a domain or URL in a configured
 * category of a UT1-format blocklist ({@link Ut1Blocklist}), or a banned word as a token of the URL
 * ({@link BannedWords}). A document without a URL, or with one that has no host, passes.
 *
 * <p>A drop is {@code stage = filter} with rule {@code url-blocklist:<category>} (reason
 * {@code url-filter/url-blocklist}) or {@code url-banned-word} (reason
 * {@code url-filter/url-banned-word}), and no value: {@code rejected/}'s value is a number, so the
 * entry or word that matched goes to the rejected row's {@code meta} under {@link #MATCH_META}.
 */
public final class UrlFilter implements DocumentStep {
  public static final String NAME = "url-filter";
  /** The {@code meta} key of a dropped document naming the listed domain or URL, or the banned word. */
  public static final String MATCH_META = "url_filter_match";
  static final String BLOCKLIST_RULE = "url-blocklist";
  static final String BANNED_WORD_RULE = "url-banned-word";

  private final Optional<Ut1Blocklist> blocklist;
  private final BannedWords bannedWords;

  /** @param hadoop the file systems the blocklist is read from (loaded once per JVM, {@link UrlLists}) */
  public UrlFilter(UrlFilterSettings settings, Configuration hadoop) {
    this(settings.hasBlocklist() ? Optional.of(UrlLists.get(settings, hadoop)) : Optional.empty(),
        new BannedWords(settings.bannedWords()));
  }

  UrlFilter(Optional<Ut1Blocklist> blocklist, BannedWords bannedWords) {
    this.blocklist = blocklist;
    this.bannedWords = bannedWords;
  }

  /**
   * In the driver at the job's start: throws {@link ConfigError} naming every path of the blocklist
   * that is missing or cannot be read, before any output is claimed or task runs.
   */
  public static void check(UrlFilterSettings settings, Configuration hadoop) {
    if (!settings.enabled() || !settings.hasBlocklist()) {
      return;
    }
    List<String> problems = Ut1Blocklist.problems(settings.blocklist(), settings.categories(), hadoop).stream()
        .map(p -> "'curate.url-filter.blocklist': " + p).toList();
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    Optional<UrlNormalizer.Normalized> url = UrlNormalizer.normalize(document.url());
    if (url.isEmpty()) {
      return Optional.empty();
    }
    if (blocklist.isPresent()) {
      Optional<Ut1Blocklist.Match> match = blocklist.get().match(url.get());
      if (match.isPresent()) {
        return drop(document, BLOCKLIST_RULE + ":" + match.get().category(), match.get().entry());
      }
    }
    if (!bannedWords.isEmpty()) {
      Optional<String> word = bannedWords.find(url.get().key());
      if (word.isPresent()) {
        return drop(document, BANNED_WORD_RULE, word.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> drop(StepDocument document, String rule, String matched) {
    document.putMeta(MATCH_META, matched);
    return Optional.of(Rejection.of(Verdict.drop(NAME, rule, Double.NaN)));
  }
}
