package dev.pretrain.tokenize.bpe;

import java.util.Arrays;

/**
 * Applies merges to one piece the way HF's BPE model does: repeatedly merge the adjacent pair with
 * the lowest merge rank, the leftmost one on ties, until no adjacent pair has a merge. This is not
 * tiktoken's rule (merge the pair whose merged token has the lowest rank); the two give different
 * ids on vocabularies that are not rank-consistent (docs/architecture.md, "Platform").
 *
 * <p>Short pieces use arrays and a linear scan for the minimum, recomputing only the two ranks
 * next to each merge. Long pieces use a doubly linked list of symbols and a binary heap of
 * {@code (rank, position)} candidates, where stale candidates are skipped when popped, so merging
 * is O(n log n) rather than O(n²). Not thread-safe: each thread owns one.
 */
final class BpeMerger {
  /**
   * Pieces up to this many bytes are merged by rescanning: nearly all natural-language pieces are
   * far shorter, where a scan of a few ints beats heap bookkeeping, and 48 bounds the scan's
   * quadratic worst case. Longer pieces (whitespace runs, long words, base64) take the heap.
   */
  static final int SCAN_LIMIT = 48;

  private static final int NO_RANK = Integer.MAX_VALUE;

  private final MergeTable merges;
  private int[] ranks = new int[64];
  private int[] mergedIds = new int[64];
  private int[] next = new int[64];
  private int[] prev = new int[64];
  private long[] heap = new long[64];

  BpeMerger(MergeTable merges) {
    this.merges = merges;
  }

  /** Merges {@code symbols[0, n)} in place and returns the number of symbols left. */
  int merge(int[] symbols, int n) {
    // The scan buffers (64) hold SCAN_LIMIT symbols; the heap path grows its own.
    if (n < 2) {
      return n;
    }
    return n <= SCAN_LIMIT ? mergeByScan(symbols, n) : mergeByHeap(symbols, n);
  }

  int mergeByScan(int[] sym, int n) {
    int[] rank = ranks;
    int[] id = mergedIds;
    for (int i = 0; i + 1 < n; i++) {
      setRank(sym, i, rank, id);
    }
    while (n > 1) {
      int best = -1;
      int bestRank = NO_RANK;
      for (int i = 0; i + 1 < n; i++) {
        if (rank[i] < bestRank) {
          bestRank = rank[i];
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      sym[best] = id[best];
      int tail = n - best - 2;
      System.arraycopy(sym, best + 2, sym, best + 1, tail);
      System.arraycopy(rank, best + 2, rank, best + 1, tail);
      System.arraycopy(id, best + 2, id, best + 1, tail);
      n--;
      if (best + 1 < n) {
        setRank(sym, best, rank, id);
      } else {
        rank[best] = NO_RANK;
      }
      if (best > 0) {
        setRank(sym, best - 1, rank, id);
      }
    }
    return n;
  }

  private void setRank(int[] sym, int i, int[] rank, int[] id) {
    long entry = merges.lookup(sym[i], sym[i + 1]);
    if (entry < 0) {
      rank[i] = NO_RANK;
    } else {
      rank[i] = MergeTable.rankOf(entry);
      id[i] = MergeTable.mergedIdOf(entry);
    }
  }

  int mergeByHeap(int[] sym, int n) {
    ensure(n);
    int[] nx = next;
    int[] pv = prev;
    int heapSize = 0;
    for (int i = 0; i < n; i++) {
      nx[i] = i + 1 < n ? i + 1 : -1;
      pv[i] = i - 1;
    }
    for (int i = 0; i + 1 < n; i++) {
      long entry = merges.lookup(sym[i], sym[i + 1]);
      if (entry >= 0) {
        heapSize = push(heapSize, candidate(MergeTable.rankOf(entry), i));
      }
    }
    while (heapSize > 0) {
      long top = heap[0];
      heapSize = pop(heapSize);
      int rank = (int) (top >>> 32);
      int pos = (int) top;
      if (sym[pos] < 0 || nx[pos] < 0) {
        continue;
      }
      int right = nx[pos];
      long entry = merges.lookup(sym[pos], sym[right]);
      if (entry < 0 || MergeTable.rankOf(entry) != rank) {
        continue; // the pair at pos changed since this candidate was pushed
      }
      sym[pos] = MergeTable.mergedIdOf(entry);
      sym[right] = -1;
      int after = nx[right];
      nx[pos] = after;
      if (after >= 0) {
        pv[after] = pos;
        long e = merges.lookup(sym[pos], sym[after]);
        if (e >= 0) {
          heapSize = push(heapSize, candidate(MergeTable.rankOf(e), pos));
        }
      }
      int before = pv[pos];
      if (before >= 0) {
        long e = merges.lookup(sym[before], sym[pos]);
        if (e >= 0) {
          heapSize = push(heapSize, candidate(MergeTable.rankOf(e), before));
        }
      }
    }
    int out = 0;
    for (int i = 0; i >= 0; i = nx[i]) {
      sym[out++] = sym[i];
    }
    return out;
  }

  /** Heap order is rank first, then position: the leftmost of equal ranks merges first. */
  private static long candidate(int rank, int pos) {
    return ((long) rank << 32) | pos;
  }

  private int push(int size, long value) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    long[] h = heap;
    int i = size;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (h[parent] <= value) {
        break;
      }
      h[i] = h[parent];
      i = parent;
    }
    h[i] = value;
    return size + 1;
  }

  private int pop(int size) {
    long[] h = heap;
    int last = size - 1;
    long value = h[last];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && h[child + 1] < h[child]) {
        child++;
      }
      if (h[child] >= value) {
        break;
      }
      h[i] = h[child];
      i = child;
    }
    h[i] = value;
    return last;
  }

  private void ensure(int n) {
    if (next.length < n) {
      int capacity = Integer.highestOneBit(n - 1) << 1;
      next = new int[capacity];
      prev = new int[capacity];
    }
  }
}
