package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.Trainer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker trainers kept in an executor JVM between rounds (model buffers and inner AdamW moments), keyed
 * by (run id, worker). A task takes its worker's trainer out for the round and gives it back when the
 * round succeeded, so a failed attempt never leaves half-updated moments behind; a trainer is only
 * handed to the round it was left ready for. Entries of other runs are dropped when a run stores one:
 * an executor serves one training run at a time.
 */
public final class WorkerRegistry {
  private WorkerRegistry() {}

  /** A worker's trainer, ready to run round {@code nextRound}, its arrays on GPU {@code device} (-1: CPU). */
  record Entry(Trainer trainer, int nextRound, int device) {
  }

  private record Key(String runId, int worker) {
  }

  private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

  /**
   * Removes and returns the worker's trainer if it is ready for {@code round} on {@code device}; a stale
   * one (another round, another GPU) is dropped.
   */
  static Optional<Trainer> take(String runId, int worker, int round, int device) {
    Entry e = ENTRIES.remove(new Key(runId, worker));
    if (e == null || e.nextRound() != round || e.device() != device) {
      return Optional.empty();
    }
    return Optional.of(e.trainer());
  }

  /** Keeps the worker's trainer, ready for {@code nextRound}. */
  static void put(String runId, int worker, Trainer trainer, int nextRound, int device) {
    ENTRIES.keySet().removeIf(k -> !k.runId().equals(runId));
    ENTRIES.put(new Key(runId, worker), new Entry(trainer, nextRound, device));
  }

  /** Drops every worker kept in this JVM: what an executor that is lost takes with it. */
  public static void clear() {
    ENTRIES.clear();
  }

  /** Workers held in this JVM. */
  public static int size() {
    return ENTRIES.size();
  }
}
