package dev.pretrain.classify.fasttext;

import java.util.Arrays;

/** A growable list of ints, reused between lines so that reading a line allocates nothing once warm. */
final class IntList {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[Math.max(capacity, 4)];
  }

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  void addAll(int[] from, int start, int end) {
    int n = end - start;
    if (size + n > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, size + n));
    }
    System.arraycopy(from, start, values, size, n);
    size += n;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** The backing array: its first {@link #size()} values are the list (valid until the next add). */
  int[] array() {
    return values;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
