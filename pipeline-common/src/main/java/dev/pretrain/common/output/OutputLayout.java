package dev.pretrain.common.output;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one job writes into its output directory: the entries it owns there. These are the only
 * entries the job ever deletes, and only in a directory that is provably its own (see
 * {@link OutputDirectory}).
 *
 * @param job the job's name, recorded in the directory's marker; a job never replaces another job's output
 * @param names the entries the job writes, by exact name
 * @param patterns further entries the job writes, by a regular expression matched against the whole name
 *     (numbered versions, checkpoints)
 * @param atomic the job stages its parts and writes {@code _SUCCESS} last ({@link AtomicOutput}): an
 *     output of it without {@code _SUCCESS} is debris of a failed run
 * @param signature an entry only this job writes, which identifies a directory it wrote before
 *     directories carried the marker (for atomic jobs {@code _SUCCESS} or a staging directory does)
 */
public record OutputLayout(String job, List<String> names, List<Pattern> patterns, boolean atomic, String signature) {
  public OutputLayout {
    names = List.copyOf(names);
    patterns = List.copyOf(patterns);
  }

  /** A job whose parts appear together at commit, with {@code _SUCCESS} last. */
  public static OutputLayout atomic(String job, List<String> names) {
    return new OutputLayout(job, names, List.of(), true, OutputDirectory.SUCCESS);
  }

  /** A directory a job fills over time (a training run, a versioned corpus): never staged, never "complete". */
  public static OutputLayout growing(String job, List<String> names, List<String> patterns, String signature) {
    return new OutputLayout(job, names, patterns.stream().map(Pattern::compile).toList(), false, signature);
  }

  public boolean isPart(String name) {
    return names.contains(name) || patterns.stream().anyMatch(p -> p.matcher(name).matches());
  }
}
