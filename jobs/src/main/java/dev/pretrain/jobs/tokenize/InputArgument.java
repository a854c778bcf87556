package dev.pretrain.jobs.tokenize;

import dev.pretrain.tokenize.mix.MixSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --input} of {@code pipeline tokenize}: a plain {@code PATH}, or a source of a mix
 * written {@code NAME=PATH:WEIGHT}. The weight follows the last colon, so a path with colons
 * ({@code s3a://bucket/web}) needs nothing special; a plain path is one whose text before the first
 * {@code =} is not a name (a path such as {@code /data/lang=en} has a slash there).
 *
 * @param path the curate output
 * @param source the mix source, or null for a plain path
 */
record InputArgument(String path, MixSource source) {
  static final String FORM = "NAME=PATH:WEIGHT (e.g. web=s3a://bucket/web:0.5) or a plain PATH";
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);

  /** @throws IllegalArgumentException naming the argument and the form it must take */
  static InputArgument parse(String arg) {
    Matcher named = NAMED.matcher(arg);
    if (!named.matches()) {
      if (arg.isBlank()) {
        throw new IllegalArgumentException("--input must not be empty; it takes " + FORM);
      }
      return new InputArgument(arg, null);
    }
    String rest = named.group(2);
    int colon = rest.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--input " + arg + ": a named input needs a weight after its path's last "
          + "colon; it takes " + FORM);
    }
    String path = rest.substring(0, colon);
    String weightText = rest.substring(colon + 1);
    double weight;
    try {
      weight = Double.parseDouble(weightText);
    } catch (NumberFormatException e) {
      weight = Double.NaN;
    }
    if (!(weight > 0 && weight <= 1e12)) {
      throw new IllegalArgumentException("--input " + arg + ": the weight '" + weightText
          + "' must be a number greater than 0 (and at most 1e12); it takes " + FORM);
    }
    return new InputArgument(path, new MixSource(named.group(1), path, weight));
  }
}
