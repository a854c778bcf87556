package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.gpu.DeviceCheck;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds the running Spark task to what Spark gave it: the GPU in {@code TaskContext.resources()} (with
 * {@code spark.task.resource.gpu.amount=1}) becomes this thread's ND4J device, and ND4J's native thread
 * pools and BLAS threads are limited to the task's {@code spark.task.cpus}, so tasks sharing an executor
 * do not oversubscribe its cores. Without a GPU resource the CPU backend runs as in local mode.
 */
public final class TaskResources {
  private TaskResources() {}

  static final String GPU = "gpu";

  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  /** Returns the GPU index bound to this thread, or -1 when the task has none. */
  static int bind() {
    TaskContext task = TaskContext.get();
    int device = -1;
    if (task != null) {
      ResourceInformation gpu = task.resourcesJMap().get(GPU);
      if (gpu != null && gpu.addresses().length > 0) {
        device = Integer.parseInt(gpu.addresses()[0].trim());
        Nd4j.getAffinityManager().unsafeSetDevice(device);
      }
      limitThreads(Math.max(1, task.cpus()));
    }
    if (!CHECKED.get()) {
      // Once per executor JVM: the device log goes to the executor's stderr, an unsupported GPU fails the task.
      DeviceCheck.logAndCheck(System.err);
      CHECKED.set(true);
    }
    return device;
  }

  /**
   * ND4J's OpenMP pools and the BLAS library's own threads, process-wide: tasks sharing an executor all
   * have the same {@code spark.task.cpus}. Without the BLAS limit two concurrent tasks each ran GEMMs on
   * every core and spun against each other (a tiny round took 12× the single-process time on 2 cores).
   */
  public static void limitThreads(int threads) {
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }
}
