package dev.pretrain.tokenize.shards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Concatenates the documents of one pack group (given in id order, each ending with its
 * end-of-text id) and cuts the stream into rows of exactly {@code rowLength} ids, recording where
 * documents begin in each row. What does not fill a last row is dropped or padded with the
 * end-of-text id.
 */
public final class Packer {
  /** One packed row: its index within the group, its ids, and the offsets where documents start. */
  public record PackedRow(int group, long row, int[] tokens, int[] docStarts) {}

  /** Receives finished rows. */
  public interface RowSink {
    void accept(PackedRow row);
  }

  private final int rowLength;
  private final int padId;
  private final boolean pad;
  private final RowSink sink;
  private final int[] buffer;
  private final List<Integer> docStarts = new ArrayList<>();
  private int fill;
  private int group = -1;
  private long rows;
  private long droppedTokens;
  private long paddedTokens;

  /** @param padId the end-of-text id used to pad, only if {@code pad} */
  public Packer(int rowLength, boolean pad, int padId, RowSink sink) {
    this.rowLength = rowLength;
    this.pad = pad;
    this.padId = padId;
    this.sink = sink;
    this.buffer = new int[rowLength];
  }

  /** Starts group {@code group}, finishing the previous one. */
  public void startGroup(int group) {
    finishGroup();
    this.group = group;
    this.rows = 0;
  }

  /** Appends one document's ids (its end-of-text id included). */
  public void add(int[] ids) {
    if (group < 0) {
      throw new IllegalStateException("add before startGroup");
    }
    docStarts.add(fill);
    int pos = 0;
    while (pos < ids.length) {
      int n = Math.min(ids.length - pos, rowLength - fill);
      System.arraycopy(ids, pos, buffer, fill, n);
      fill += n;
      pos += n;
      if (fill == rowLength) {
        emit();
      }
    }
  }

  /** Drops or pads the partial last row of the current group. */
  public void finishGroup() {
    if (fill > 0) {
      if (pad) {
        paddedTokens += rowLength - fill;
        Arrays.fill(buffer, fill, rowLength, padId);
        fill = rowLength;
        emit();
      } else {
        droppedTokens += fill;
        fill = 0;
        docStarts.clear();
      }
    }
  }

  public long droppedTokens() {
    return droppedTokens;
  }

  public long paddedTokens() {
    return paddedTokens;
  }

  private void emit() {
    int[] starts = docStarts.stream().mapToInt(Integer::intValue).toArray();
    sink.accept(new PackedRow(group, rows++, buffer.clone(), starts));
    docStarts.clear();
    fill = 0;
  }
}
