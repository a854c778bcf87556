package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ClosestName;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line picocli could not parse: one line naming the problem, then where the help is.
 * An unknown option is named first, with the nearest real one: picocli reports a missing required
 * option before an unmatched one, so {@code --inptu x} would otherwise read "Missing required
 * option --input".
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  private final PrintWriter err;

  public UsageErrors(PrintWriter err) {
    this.err = err;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    List<String> unknown = unknownOptions(command.getCommandSpec(), args);
    String name = command.getCommandSpec().qualifiedName(" ");
    if (unknown.isEmpty()) {
      err.println(name + ": " + ex.getMessage());
    } else {
      for (String option : unknown) {
        String suggestion = ClosestName.of(option, command.getCommandSpec().optionsMap().keySet());
        err.println(name + ": unknown option '" + option + "'"
            + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
      }
    }
    err.println("Run '" + name + " --help' for its options.");
    err.flush();
    return ExitCode.USAGE;
  }

  /** Tokens after the command's own name that look like options it does not have (values of options skipped). */
  static List<String> unknownOptions(CommandSpec spec, String[] args) {
    List<String> unknown = new ArrayList<>();
    int start = 0;
    while (start < args.length && !args[start].equals(spec.name())) {
      start++;
    }
    for (int i = start + 1; i < args.length; i++) {
      String token = args[i];
      if (!token.startsWith("-") || token.equals("-") || token.matches("-\\d.*")) {
        continue;
      }
      String optionName = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
      OptionSpec option = spec.findOption(optionName);
      if (option == null) {
        unknown.add(optionName);
      } else if (!token.contains("=") && option.arity().min() > 0) {
        i += option.arity().min(); // its value(s), which may themselves start with '-'
      }
    }
    return unknown;
  }
}
