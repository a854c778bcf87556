package dev.pretrain.dedup.clean;

/** One cleaning step: text in, text out, with what it did added to the counters. */
public interface Cleaner {
  /** The step's name; its counters are named {@code name + "." + what}. */
  String name();

  String apply(String text, CleanCounters counters);
}
