package dev.pretrain.tokenize.mix;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How many tokens each source of a mix contributes, planned from the tokens it was measured to
 * hold (end-of-text ids included; a source's tokens are only known once it is encoded). The
 * budget is {@code tokenize.max-tokens}, or else all the sources' tokens together; source
 * {@code i} gets {@code round(budget * weight_i / sum of weights)} of it. Its upsample factor
 * {@code target / held} splits into whole epochs (every document, {@code wholeEpochs} times) and a
 * partial epoch of {@code partialTokens}, taken as a seeded subset of its documents; a
 * downsampled source has no whole epoch and only the subset. This is Megatron's blend (weights
 * over a sample budget) and Dolma's upsampling by repetition, counted in tokens rather than
 * documents so that token shares follow the weights even when sources' documents differ in length.
 */
public record MixPlan(List<Share> shares, long budget) implements Serializable {

  /**
   * @param heldTokens tokens of the source's encoded documents
   * @param targetTokens tokens the shards are to hold from it
   * @param wholeEpochs times every document is repeated
   * @param partialTokens tokens to take, beyond the whole epochs, from a seeded subset
   */
  public record Share(MixSource source, long heldTokens, long targetTokens, long wholeEpochs, long partialTokens)
      implements Serializable {
    /** The planned upsample factor: above 1 a source is repeated, below 1 a subset is taken. */
    public double factor() {
      return (double) targetTokens / heldTokens;
    }
  }

  public MixPlan {
    shares = List.copyOf(shares);
  }

  /**
   * @param heldTokens per source, in order, the tokens of its encoded documents
   * @throws IllegalArgumentException if a source holds no tokens (an empty input cannot be upsampled)
   */
  public static MixPlan of(List<MixSource> sources, long[] heldTokens, OptionalLong maxTokens) {
    if (sources.isEmpty() || heldTokens.length != sources.size()) {
      throw new IllegalArgumentException("a mix needs one measured token count per source: " + sources.size()
          + " sources, " + heldTokens.length + " counts");
    }
    double weights = 0;
    long held = 0;
    for (int i = 0; i < sources.size(); i++) {
      weights += sources.get(i).weight();
      if (heldTokens[i] <= 0) {
        throw new IllegalArgumentException("tokenize.mix source '" + sources.get(i).name() + "' ("
            + sources.get(i).input() + ") holds no documents that encode: it cannot make up a share of the tokens");
      }
      held = Math.addExact(held, heldTokens[i]);
    }
    long budget = maxTokens.orElse(held);
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      long target = Math.round(budget * (sources.get(i).weight() / weights));
      long whole = target / heldTokens[i];
      shares.add(new Share(sources.get(i), heldTokens[i], target, whole, target - whole * heldTokens[i]));
    }
    return new MixPlan(shares, budget);
  }

  /** The plan in a line per source, for the input fingerprint and for people. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("budget " + budget);
    for (Share share : shares) {
      s.append(String.format(Locale.ROOT, "; %s (%s) weight %s: %d of %d tokens = %d epochs + %d",
          share.source().name(), share.source().input(), share.source().weight(), share.targetTokens(),
          share.heldTokens(), share.wholeEpochs(), share.partialTokens()));
    }
    return s.toString();
  }
}
