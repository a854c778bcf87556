package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import java.io.Serializable;

/**
 * What a worker task needs to build its model and inner AdamW: the model shape, the micro-batch, the
 * schedule over the whole run's inner steps, and the seed. Serializable, unlike the settings records
 * it is made from, so it travels in the task closure.
 *
 * @param accumulation micro-batches per inner step
 * @param totalSteps   inner steps per worker over the whole run (the cosine decays over them)
 */
public record InnerTraining(int vocabSize, int modelBlockSize, int nLayer, int nHead, int nEmbd, boolean bias,
                            int batchSize, int blockSize, int accumulation, int innerSteps,
                            double beta1, double beta2, double eps, double weightDecay,
                            double maxLr, double minLr, int warmupSteps, int totalSteps, double gradClip,
                            long seed) implements Serializable {

  public static InnerTraining of(TrainSettings t, DilocoSettings d) {
    GptConfig m = t.model();
    AdamW.Settings adam = AdamW.Settings.GPT.withWeightDecay(t.weightDecay());
    return new InnerTraining(m.vocabSize(), m.blockSize(), m.nLayer(), m.nHead(), m.nEmbd(), m.bias(),
        t.batchSize(), t.blockSize(), t.accumulation(), d.innerSteps(), adam.beta1(), adam.beta2(), adam.eps(),
        adam.weightDecay(), t.maxLr(), t.minLr(), t.warmupSteps(), t.maxSteps(), t.gradClip(), t.seed());
  }

  public GptConfig model() {
    return GptConfig.of(vocabSize, modelBlockSize, nLayer, nHead, nEmbd, bias);
  }

  public Trainer.Settings trainerSettings() {
    return new Trainer.Settings(new AdamW.Settings(beta1, beta2, eps, weightDecay),
        new CosineSchedule(maxLr, minLr, warmupSteps, totalSteps), gradClip, accumulation);
  }

  /** Train rows one worker reads in one round: H steps of K micro-batches of B rows. */
  public long rowsPerWorkerRound() {
    return (long) innerSteps * accumulation * batchSize;
  }

  /** Input tokens one worker trains on in one round. */
  public long tokensPerWorkerRound() {
    return rowsPerWorkerRound() * blockSize;
  }

  /** The same training with another inner AdamW, a constant learning rate and another clipping norm. */
  public InnerTraining withOptimizer(double newBeta1, double newBeta2, double newEps, double newWeightDecay,
                                     double lr, double newGradClip) {
    return new InnerTraining(vocabSize, modelBlockSize, nLayer, nHead, nEmbd, bias, batchSize, blockSize,
        accumulation, innerSteps, newBeta1, newBeta2, newEps, newWeightDecay, lr, lr, 0, totalSteps, newGradClip,
        seed);
  }
}
