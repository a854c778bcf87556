package dev.pretrain.trainer;

import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.model.ElementView;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.Phase;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import dev.pretrain.trainer.optim.GlobalNormClipping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimisation state of one model and the step that advances it: {@code accumulation}
 * micro-batches of B rows, their gradients summed and scaled by 1/K (the gradient of the mean loss),
 * global-norm clipping, AdamW at the scheduled rate. It can run H steps from a restored state and
 * hand back its parameters, which is all a distributed driver (DiLoCo rounds) needs from it.
 */
public final class Trainer {

  public static final String PARAMETERS_FILE = "params.f32";
  public static final String FIRST_MOMENT_FILE = "adam_m.f32";
  public static final String SECOND_MOMENT_FILE = "adam_v.f32";

  /**
   * @param accumulation micro-batches per optimizer step (tokens per step / (B·T))
   */
  public record Settings(AdamW.Settings adam, CosineSchedule schedule, double gradClip, int accumulation) {
    public Settings {
      if (accumulation < 1) {
        throw new IllegalArgumentException("gradient accumulation needs at least one micro-batch, got "
            + accumulation);
      }
    }
  }

  /**
   * What one optimizer step did.
   *
   * @param step       steps completed, this one included (1-based)
   * @param loss       mean train loss over the step's micro-batches
   * @param gradNorm   global gradient norm before clipping
   * @param tokensSeen train tokens consumed so far
   * @param cursor     the data position after this step's last batch
   */
  public record StepResult(long step, double loss, double gradNorm, double learningRate, long tokensSeen,
                           Cursor cursor) {
  }

  private final Gpt model;
  private final Settings settings;
  private final AdamW optimizer;
  private final GlobalNormClipping clipping;
  private final ElementView grads;
  private final int[] inputs;
  private final int[] targets;
  private long step;
  private long tokensSeen;
  private Cursor cursor = Cursor.START;

  public Trainer(Gpt model, Settings settings) {
    this.model = model;
    this.settings = settings;
    this.optimizer = new AdamW(model.parameters(), model.gradients(), model.layout().tensors(), settings.adam());
    this.clipping = new GlobalNormClipping(model.gradients(), settings.gradClip());
    this.grads = ElementView.of(model.gradients());
    this.inputs = new int[model.batchSize() * model.seqLen()];
    this.targets = new int[inputs.length];
  }

  /** Restores the counters of a checkpoint whose arrays were loaded into {@link #arrays()}. */
  public void restore(long completedSteps, long tokens, Cursor at) {
    this.step = completedSteps;
    this.tokensSeen = tokens;
    this.cursor = at;
    optimizer.setStepCount(completedSteps);
  }

  /** One optimizer step over {@code accumulation} batches from {@code batches}. */
  public StepResult step(BatchSource batches) {
    int k = settings.accumulation();
    model.zeroGradients();
    double lossSum = 0;
    for (int micro = 0; micro < k; micro++) {
      Batch batch = batches.next();
      split(batch.rows());
      double loss = model.forward(inputs, targets);
      if (!Double.isFinite(loss)) {
        throw new NonFiniteLossException(step + 1, loss);
      }
      model.backward();
      lossSum += loss;
      tokensSeen += inputs.length;
      cursor = batch.after();
    }
    long t0 = System.nanoTime();
    if (k > 1) {
      scaleGradients(1.0 / k);
    }
    double norm = clipping.clip();
    if (!Double.isFinite(norm)) {
      throw new NonFiniteLossException(step + 1, norm);
    }
    double lr = settings.schedule().at(step);
    optimizer.step(lr);
    model.timer().lap(Phase.OPTIMIZER, t0);
    step++;
    return new StepResult(step, lossSum / k, norm, lr, tokensSeen, cursor);
  }

  /** {@code h} steps; what a distributed driver calls between parameter exchanges. */
  public List<StepResult> run(int h, BatchSource batches) {
    List<StepResult> results = new ArrayList<>(h);
    for (int i = 0; i < h; i++) {
      results.add(step(batches));
    }
    return results;
  }

  /** Mean loss over {@code rows} ([n·B, T+1], n ≥ 1 whole batches); parameters and gradients are untouched. */
  public double evaluate(int[] rows) {
    int width = model.seqLen() + 1;
    int batchIds = model.batchSize() * width;
    if (rows.length == 0 || rows.length % batchIds != 0) {
      throw new IllegalArgumentException("evaluation needs whole batches of " + model.batchSize() + " rows of "
          + width + " ids, got " + rows.length + " ids");
    }
    double sum = 0;
    int batches = rows.length / batchIds;
    int[] batch = new int[batchIds];
    for (int i = 0; i < batches; i++) {
      System.arraycopy(rows, i * batchIds, batch, 0, batchIds);
      split(batch);
      sum += model.forward(inputs, targets);
    }
    return sum / batches;
  }

  private void split(int[] rows) {
    int b = model.batchSize();
    int t = model.seqLen();
    if (rows.length != b * (t + 1)) {
      throw new IllegalArgumentException("a batch is B=" + b + " rows of T+1=" + (t + 1) + " ids, got "
          + rows.length + " ids");
    }
    for (int r = 0; r < b; r++) {
      System.arraycopy(rows, r * (t + 1), inputs, r * t, t);
      System.arraycopy(rows, r * (t + 1) + 1, targets, r * t, t);
    }
  }

  private void scaleGradients(double factor) {
    for (int i = 0; i < grads.length(); i++) {
      grads.set(i, grads.get(i) * factor);
    }
  }

  /** The arrays a checkpoint holds, by file name: θ and both AdamW moments, flat. */
  public Map<String, INDArray> arrays() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put(PARAMETERS_FILE, model.parameters());
    arrays.put(FIRST_MOMENT_FILE, optimizer.firstMoment());
    arrays.put(SECOND_MOMENT_FILE, optimizer.secondMoment());
    return arrays;
  }

  /** θ as one flat vector (live: later steps change it). */
  public INDArray parameters() {
    return model.parameters();
  }

  public Gpt model() {
    return model;
  }

  public long step() {
    return step;
  }

  public long tokensSeen() {
    return tokensSeen;
  }

  public Cursor cursor() {
    return cursor;
  }
}
