package dev.pretrain.jobs.rapids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the RAPIDS explain output and the allowlist (the check itself needs -Prapids). */
class RapidsExplainTest {
  // Lines as RAPIDS 25.04.0 logs them in explain-only mode (shortened).
  private static final String PLAN = String.join("\n",
      "",
      "!Exec <ProjectExec> cannot run on GPU because not all expressions can be replaced",
      "  @Expression <Alias> dedup_normalize(text#1) AS t#2 could run on GPU",
      "    !Expression <ScalaUDF> dedup_normalize(text#1) cannot run on GPU because neither dedup_normalize"
          + " implemented by class X provides a GPU implementation",
      "  *Exec <FilterExec> will run on GPU",
      "    *Expression <IsNotNull> isnotnull(id#0) will run on GPU",
      "    ! <Invoke> x.isNullAt cannot run on GPU because GPU does not currently support the operator class"
          + " org.apache.spark.sql.catalyst.expressions.objects.Invoke",
      "    ! <RDDScanExec> cannot run on GPU because GPU does not currently support the operator class"
          + " org.apache.spark.sql.execution.RDDScanExec",
      "  #Exec <SortExec> could run on GPU but is going to be removed because replacing sortMergeJoin");

  @Test
  void countsOperatorsAndExpressionsAndFindsRootCauses() {
    RapidsExplain explain = RapidsExplain.parse(List.of("some other log line", PLAN));
    // Operators: ProjectExec (CPU), FilterExec (GPU), RDDScanExec (CPU); the removed SortExec is not counted.
    assertEquals(3, explain.operators().size());
    assertEquals(1.0 / 3, RapidsExplain.gpuShare(explain.operators()), 1e-9);
    // Expressions: Alias (could), ScalaUDF (cannot), IsNotNull (GPU), Invoke (no GPU version).
    assertEquals(4, explain.expressions().size());
    assertEquals(0.25, RapidsExplain.gpuShare(explain.expressions()), 1e-9);
    // The ProjectExec falls back only because of its UDF: the UDF is the root cause, not it.
    assertEquals(List.of("ScalaUDF", "Invoke", "RDDScanExec"),
        explain.rootCauses().stream().map(RapidsExplain.Node::name).toList());
    assertTrue(explain.rootCauses().get(0).reason().startsWith("neither dedup_normalize"));
  }

  @Test
  void allowlistMatchesByNameAndTextAndRejectsMalformedLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("allowed.txt");
    Files.writeString(file, "# comment\n\n<ScalaUDF> | dedup_normalize | Java normalization\n<RDDScanExec> | | rows from Java\n");
    FallbackAllowlist allowlist = FallbackAllowlist.read(file);
    List<RapidsExplain.Node> causes = RapidsExplain.parse(List.of(PLAN)).rootCauses();
    assertEquals("Java normalization", allowlist.allowing(causes.get(0)).why());
    assertNull(allowlist.allowing(causes.get(1)));
    assertEquals(4, allowlist.allowing(causes.get(2)).line());

    Files.writeString(file, "ScalaUDF | dedup_normalize | no angle brackets\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FallbackAllowlist.read(file));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    Files.writeString(file, "<ScalaUDF> | dedup_normalize |   \n");
    assertThrows(IllegalArgumentException.class, () -> FallbackAllowlist.read(file));
  }
}
