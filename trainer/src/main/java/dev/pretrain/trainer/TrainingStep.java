package dev.pretrain.trainer;

import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.Phase;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import dev.pretrain.trainer.optim.GlobalNormClipping;

/**
 * One optimisation step on one batch: forward, backward, global-norm clipping, AdamW at the
 * scheduled learning rate. Batches come as token shard rows of T+1 ids (inputs [0, T), targets
 * [1, T+1)), so a data loader, a checkpoint resume or a distributed driver only hand over int[]s.
 */
public final class TrainingStep {

  /** What one step did, for metrics. */
  public record Result(long step, double loss, double gradNorm, double learningRate) {
  }

  private final Gpt model;
  private final AdamW optimizer;
  private final CosineSchedule schedule;
  private final GlobalNormClipping clipping;
  private final int[] inputs;
  private final int[] targets;
  private long step;

  public TrainingStep(Gpt model, AdamW.Settings adam, CosineSchedule schedule, double gradClip) {
    this.model = model;
    this.optimizer = new AdamW(model.parameters(), model.gradients(), model.layout().tensors(), adam);
    this.schedule = schedule;
    this.clipping = new GlobalNormClipping(model.gradients(), gradClip);
    this.inputs = new int[model.batchSize() * model.seqLen()];
    this.targets = new int[inputs.length];
  }

  /** rows: B rows of T+1 token ids, row-major ([B, T+1]). */
  public Result run(int[] rows) {
    int b = model.batchSize();
    int t = model.seqLen();
    if (rows.length != b * (t + 1)) {
      throw new IllegalArgumentException("a batch is B=" + b + " rows of T+1=" + (t + 1) + " tokens = "
          + b * (t + 1) + " ids, got " + rows.length);
    }
    for (int r = 0; r < b; r++) {
      System.arraycopy(rows, r * (t + 1), inputs, r * t, t);
      System.arraycopy(rows, r * (t + 1) + 1, targets, r * t, t);
    }
    model.zeroGradients();
    double loss = model.forward(inputs, targets);
    if (!Double.isFinite(loss)) {
      throw new ArithmeticException("loss is " + loss + " at step " + step);
    }
    model.backward();
    long t0 = System.nanoTime();
    double norm = clipping.clip();
    double lr = schedule.at(step);
    optimizer.step(lr);
    model.timer().lap(Phase.OPTIMIZER, t0);
    return new Result(step++, loss, norm, lr);
  }

  public Gpt model() {
    return model;
  }

  public AdamW optimizer() {
    return optimizer;
  }

  /** Steps completed so far. */
  public long step() {
    return step;
  }
}
