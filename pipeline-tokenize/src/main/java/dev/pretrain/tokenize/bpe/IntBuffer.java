package dev.pretrain.tokenize.bpe;

import java.util.Arrays;

/** A growable int array, reused by one thread across encode calls. */
final class IntBuffer {
  private int[] data = new int[256];
  private int size;

  void clear() {
    size = 0;
  }

  void add(int value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = value;
  }

  void addAll(int[] values, int count) {
    if (size + count > data.length) {
      data = Arrays.copyOf(data, Math.max(size + count, data.length * 2));
    }
    System.arraycopy(values, 0, data, size, count);
    size += count;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
