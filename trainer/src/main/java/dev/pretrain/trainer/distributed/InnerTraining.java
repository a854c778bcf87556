package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a worker task needs to build its model and inner AdamW: the run's {@code train} settings as read
 * on the driver, shipped in the task closure as they are, with H and the inner optimizer's constants.
 *
 * @param train      the run's settings; the cosine decays over {@code max-steps} inner steps per worker
 * @param innerSteps H, inner steps per round
 * @param adam       the inner AdamW
 */
public record InnerTraining(TrainSettings train, int innerSteps, AdamW.Settings adam) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static InnerTraining of(TrainSettings train, DilocoSettings diloco) {
    return new InnerTraining(train, diloco.innerSteps(), train.trainerSettings().adam());
  }

  public GptConfig model() {
    return train.model();
  }

  /** The inner optimizer over the whole run's inner steps. */
  public Trainer.Settings trainerSettings() {
    Trainer.Settings fromTrain = train.trainerSettings();
    return new Trainer.Settings(adam, fromTrain.schedule(), fromTrain.gradClip(), fromTrain.accumulation());
  }

  /** A worker's model at the run's seeded initial weights, with the inner optimizer. */
  public Trainer newTrainer() {
    return new Trainer(new Gpt(train.model(), train.batchSize(), train.blockSize(), DataType.FLOAT, train.seed()),
        trainerSettings());
  }

  /** Train rows one worker reads in one round: H steps of K micro-batches of B rows. */
  public long rowsPerWorkerRound() {
    return (long) innerSteps * train.accumulation() * train.batchSize();
  }

  /** Input tokens one worker trains on in one round. */
  public long tokensPerWorkerRound() {
    return rowsPerWorkerRound() * train.blockSize();
  }
}
