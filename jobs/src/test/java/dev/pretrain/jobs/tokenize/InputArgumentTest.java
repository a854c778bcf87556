package dev.pretrain.jobs.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.tokenize.mix.MixSource;
import org.junit.jupiter.api.Test;

class InputArgumentTest {

  @Test
  void theWeightFollowsTheLastColonSoUrisKeepTheirs() {
    assertEquals(new MixSource("web", "s3a://bucket/web:v2", 0.5), InputArgument.parse("web=s3a://bucket/web:v2:0.5").source());
    assertEquals(new MixSource("code", "/data/code", 3), InputArgument.parse("code=/data/code:3").source());
    assertEquals(new MixSource("b.2", "gs://b/x=y", 1e-3), InputArgument.parse("b.2=gs://b/x=y:1e-3").source());
  }

  @Test
  void aPlainPathStaysAPath() {
    for (String path : new String[] {"/data/curated", "s3a://bucket/curated", "/data/lang=en", "out/documents"}) {
      InputArgument a = InputArgument.parse(path);
      assertEquals(path, a.path());
      assertEquals(null, a.source());
    }
  }

  @Test
  void badFormsNameTheArgumentAndTheForm() {
    for (String[] bad : new String[][] {
        {"web=/data/web", "a named input needs a weight after its path's last colon"},
        {"web=s3a://b/web", "the weight '//b/web' must be a number greater than 0"},
        {"web=/w:0", "the weight '0' must be a number greater than 0"},
        {"web=/w:-1", "the weight '-1' must be"},
        {"web=/w:NaN", "the weight 'NaN' must be"},
        {"web=/w:Infinity", "the weight 'Infinity' must be"},
        {"web=:1", "a named input needs a weight"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputArgument.parse(bad[0]));
      assertTrue(e.getMessage().startsWith("--input " + bad[0] + ": " + bad[1]), e.getMessage());
      assertTrue(e.getMessage().endsWith(InputArgument.FORM), e.getMessage());
    }
  }
}
