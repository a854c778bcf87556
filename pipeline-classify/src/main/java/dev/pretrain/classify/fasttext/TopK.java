package dev.pretrain.classify.fasttext;

/**
 * The k best (log-probability, label) pairs, kept exactly as fastText keeps them: a
 * {@code std::vector} heap under {@code comparePairs} ({@code l.first > r.first}, so the front is
 * the smallest score) driven by {@code std::push_heap} and {@code std::pop_heap}, and sorted at the
 * end by {@code std::sort_heap} (loss.cc). The steps are those of GCC's libstdc++ (bits/stl_heap.h,
 * which Debian's fastText 0.9.2 is built with), so labels whose scores tie come out in the order
 * fastText prints them, not merely in some valid order: one-vs-all models tie often, since their
 * sigmoid is a 512-entry table.
 *
 * <p>Not thread-safe; reused from prediction to prediction.
 */
final class TopK {
  private float[] scores;
  private int[] labels;
  private int size;

  TopK(int capacity) {
    scores = new float[capacity + 1];
    labels = new int[capacity + 1];
  }

  void clear(int k) {
    size = 0;
    if (scores.length < k + 1) {
      scores = new float[k + 1];
      labels = new int[k + 1];
    }
  }

  int size() {
    return size;
  }

  /** The smallest score kept ({@code heap.front().first}); only when not empty. */
  float front() {
    return scores[0];
  }

  /** {@code heap.push_back(p); std::push_heap(...)}. */
  void push(float score, int label) {
    siftUp(size, 0, score, label);
    size++;
  }

  /** {@code std::pop_heap(...); heap.pop_back()}: drops the front. */
  void pop() {
    if (size > 1) {
      int last = size - 1;
      float score = scores[last];
      int label = labels[last];
      scores[last] = scores[0];
      labels[last] = labels[0];
      adjust(0, last, score, label);
    }
    size--;
  }

  /** {@code std::sort_heap}: afterwards entry 0 has the highest score. */
  void sort() {
    for (int last = size - 1; last > 0; last--) {
      float score = scores[last];
      int label = labels[last];
      scores[last] = scores[0];
      labels[last] = labels[0];
      adjust(0, last, score, label);
    }
  }

  float score(int i) {
    return scores[i];
  }

  int label(int i) {
    return labels[i];
  }

  /** {@code comp(a, b)} of fastText's {@code comparePairs}. */
  private static boolean before(float a, float b) {
    return a > b;
  }

  /** libstdc++'s {@code __push_heap}: moves the hole up while its parent compares before the value. */
  private void siftUp(int hole, int top, float score, int label) {
    int parent = (hole - 1) / 2;
    while (hole > top && before(scores[parent], score)) {
      scores[hole] = scores[parent];
      labels[hole] = labels[parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    scores[hole] = score;
    labels[hole] = label;
  }

  /** libstdc++'s {@code __adjust_heap}: the hole goes down to a leaf, then the value sifts up. */
  private void adjust(int hole, int len, float score, int label) {
    int top = hole;
    int child = hole;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (before(scores[child], scores[child - 1])) {
        child--;
      }
      scores[hole] = scores[child];
      labels[hole] = labels[child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      scores[hole] = scores[child - 1];
      labels[hole] = labels[child - 1];
      hole = child - 1;
    }
    siftUp(hole, top, score, label);
  }
}
