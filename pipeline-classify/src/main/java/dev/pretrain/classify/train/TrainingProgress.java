package dev.pretrain.classify.train;

import java.util.Locale;

/**
 * Where a training run is, reported every few seconds and at the end of each epoch.
 *
 * @param done fraction of all epochs' tokens processed, 0 to 1
 * @param epoch epochs completed so far, with the fraction of the current one
 * @param lines lines (examples) processed so far
 * @param linesPerSecond lines per second since training started
 * @param loss average loss per example since the previous report
 * @param learningRate the current learning rate
 */
public record TrainingProgress(double done, double epoch, long lines, double linesPerSecond, double loss,
    double learningRate) {

  /** One console line. */
  public String describe(int epochs) {
    return String.format(Locale.ROOT, "train-classifier: %5.1f%%  epoch %.2f/%d  %,d lines  %,.0f lines/s  loss %.4f"
        + "  lr %.5f", 100 * done, epoch, epochs, lines, linesPerSecond, loss, learningRate);
  }
}
