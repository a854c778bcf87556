package dev.pretrain.common.config;

import java.util.List;

/**
 * A configuration that cannot be used: unknown keys, wrong types, values out of range, unreadable
 * files. Carries every problem found, so one run shows them all instead of one per attempt.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigError(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigError(String problem) {
    this(List.of(problem));
  }

  /** Each problem as one sentence naming the key, what is allowed, and where the value came from. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return "invalid configuration: " + problems.get(0);
    }
    StringBuilder message = new StringBuilder("invalid configuration (" + problems.size() + " problems):");
    for (String problem : problems) {
      message.append("\n  - ").append(problem);
    }
    return message.toString();
  }
}
