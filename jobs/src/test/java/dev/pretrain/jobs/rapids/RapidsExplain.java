package dev.pretrain.jobs.rapids;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RAPIDS Accelerator's plan explanation ({@code spark.rapids.sql.explain=ALL}), one entry per
 * plan node it looked at. Lines look like {@code *Exec <ProjectExec> will run on GPU},
 * {@code !Expression <ScalaUDF> f(x) cannot run on GPU because ...} or
 * {@code @Expression <Literal> 1 could run on GPU} (eligible, but its parent stays on CPU);
 * operators and expressions the plugin has no GPU version of come without a kind:
 * {@code ! <Invoke> ... cannot run on GPU because GPU does not currently support the operator class ...}.
 */
record RapidsExplain(List<Node> nodes) {
  private static final Pattern LINE = Pattern.compile("^\\s*([*!@#$])(\\w*) <([\\w$]+)> (.*)$");
  /** The reason a node gives when only its expressions keep it on CPU: they are judged instead. */
  static final String BECAUSE_OF_EXPRESSIONS = "not all expressions can be replaced";
  private static final String BECAUSE = "cannot run on GPU because ";

  /**
   * @param marker '*' runs on GPU, '!' cannot, '@' could but its parent cannot, '#' could but is
   *     removed from the plan (not counted)
   * @param kind Exec, Expression, Partitioning, ... or empty when the plugin has no GPU version
   */
  record Node(char marker, String kind, String name, String text) {
    boolean onGpu() {
      return marker == '*';
    }

    boolean fallback() {
      return marker == '!';
    }

    /** A fallback of its own, not only because some of its expressions fall back. */
    boolean rootCause() {
      return fallback() && !reason().equals(BECAUSE_OF_EXPRESSIONS);
    }

    boolean counted() {
      return marker != '#';
    }

    /** Expressions are counted apart from operators (execs, partitionings, scans, writes). */
    boolean expression() {
      return kind.equals("Expression") || (kind.isEmpty() && !name.endsWith("Exec") && !name.endsWith("Partitioning"));
    }

    String reason() {
      int at = text.indexOf(BECAUSE);
      return at < 0 ? "" : text.substring(at + BECAUSE.length());
    }

    @Override
    public String toString() {
      return marker + kind + " <" + name + "> " + text;
    }
  }

  /** Parses every explanation the plugin logged; other lines are ignored. */
  static RapidsExplain parse(List<String> messages) {
    List<Node> nodes = new ArrayList<>();
    for (String message : messages) {
      for (String line : message.split("\n")) {
        Matcher m = LINE.matcher(line);
        if (m.matches()) {
          nodes.add(new Node(m.group(1).charAt(0), m.group(2), m.group(3), m.group(4)));
        }
      }
    }
    return new RapidsExplain(List.copyOf(nodes));
  }

  List<Node> operators() {
    return nodes.stream().filter(n -> n.counted() && !n.expression()).toList();
  }

  List<Node> expressions() {
    return nodes.stream().filter(n -> n.counted() && n.expression()).toList();
  }

  static double gpuShare(List<Node> nodes) {
    return nodes.isEmpty() ? 0 : (double) nodes.stream().filter(Node::onGpu).count() / nodes.size();
  }

  /** Fallbacks of their own; an operator kept on CPU only by its expressions is not one. */
  List<Node> rootCauses() {
    return nodes.stream().filter(Node::rootCause).toList();
  }
}
