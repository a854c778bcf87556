package dev.pretrain.tokenize.train;

import dev.pretrain.tokenize.bpe.AddedToken;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE: tokens by id (special tokens first, spelled as themselves; then the
 * 256 bytes and merged tokens spelled in the byte-level alphabet) and merges in rank order.
 */
public record TrainedBpe(
    List<String> tokens, List<String[]> merges, List<String> specialTokens, SplitPattern splitPattern) {

  public TrainedBpe {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
    specialTokens = List.copyOf(specialTokens);
  }

  public Map<String, Integer> vocab() {
    Map<String, Integer> vocab = new HashMap<>();
    for (int id = 0; id < tokens.size(); id++) {
      vocab.put(tokens.get(id), id);
    }
    return vocab;
  }

  public List<AddedToken> addedTokens() {
    List<AddedToken> added = new ArrayList<>();
    for (int id = 0; id < specialTokens.size(); id++) {
      added.add(AddedToken.special(id, specialTokens.get(id)));
    }
    return added;
  }
}
