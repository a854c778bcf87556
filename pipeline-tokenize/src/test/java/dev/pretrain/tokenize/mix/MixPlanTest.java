package dev.pretrain.tokenize.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MixPlanTest {
  private static final List<MixSource> SOURCES = List.of(
      new MixSource("web", "/w", 5), new MixSource("code", "/c", 3), new MixSource("books", "/b", 2));

  private static List<List<Long>> shares(MixPlan plan) {
    return plan.shares().stream()
        .map(s -> List.of(s.targetTokens(), s.wholeEpochs(), s.partialTokens())).toList();
  }

  @Test
  void aBudgetIsSplitByWeightIntoWholeAndPartialEpochs() {
    MixPlan plan = MixPlan.of(SOURCES, new long[] {16_000, 2_500, 4_000}, OptionalLong.of(20_000));
    // web 10,000 of 16,000: a subset; code 6,000 of 2,500: 2 epochs + 1,000; books exactly one epoch.
    assertEquals(List.of(List.of(10_000L, 0L, 10_000L), List.of(6_000L, 2L, 1_000L), List.of(4_000L, 1L, 0L)),
        shares(plan));
    assertEquals(2.4, plan.shares().get(1).factor(), 1e-12);
  }

  @Test
  void withoutABudgetTheSourcesKeepTheirTotalButNotTheirProportions() {
    MixPlan plan = MixPlan.of(SOURCES, new long[] {16_000, 2_500, 1_500}, OptionalLong.empty());
    assertEquals(20_000, plan.budget());
    assertEquals(List.of(List.of(10_000L, 0L, 10_000L), List.of(6_000L, 2L, 1_000L), List.of(4_000L, 2L, 1_000L)),
        shares(plan));
  }

  @Test
  void oneSourceWithoutABudgetIsOneWholeEpoch() {
    MixPlan plan = MixPlan.of(List.of(new MixSource("only", "/o", 0.25)), new long[] {777}, OptionalLong.empty());
    assertEquals(List.of(List.of(777L, 1L, 0L)), shares(plan));
  }

  @Test
  void aSourceWithoutTokensCannotTakeAShare() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MixPlan.of(SOURCES, new long[] {10, 0, 10}, OptionalLong.of(100)));
    assertEquals("tokenize.mix source 'code' (/c) holds no documents that encode: it cannot make up a share of the tokens",
        e.getMessage());
  }
}
