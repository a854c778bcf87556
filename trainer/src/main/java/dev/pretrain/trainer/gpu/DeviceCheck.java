package dev.pretrain.trainer.gpu;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Refuses GPUs the ND4J CUDA build cannot run on, before training starts. ND4J 1.0.0-M2.1's
 * nd4j-cuda-11.6 ships machine code for sm_37 … sm_86 and no PTX, so a device of compute capability
 * 9.0 or newer (H100 and later) has no kernel to run and below 3.7 none either; a cubin for sm_86 does
 * run on 8.9 (same major version), which is why the L4 works.
 */
public final class DeviceCheck {
  private DeviceCheck() {}

  /** GPUs known to work with this build, with their compute capability. */
  public static final String WORKING_GPUS = "V100 (7.0), T4 (7.5), A100 (8.0), A10G (8.6), L4 (8.9)";

  /**
   * Why {@code backend} on a device of compute capability {@code major.minor} cannot run, or empty
   * when it can (always for a non-CUDA backend).
   *
   * @param backend the ND4J backend, e.g. {@code CpuBackend}, {@code JCublasBackend} or {@code CUDA}
   */
  public static Optional<String> problem(String backend, int major, int minor) {
    if (!isCuda(backend)) {
      return Optional.empty();
    }
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("compute capability must be non-negative, got " + major + "." + minor);
    }
    String gpu = "compute capability " + major + "." + minor + " (sm_" + major + minor + ")";
    if (major >= 9) {
      return Optional.of(gpu + " is not supported: ND4J 1.0.0-M2.1's CUDA build has machine code for sm_37 to"
          + " sm_86 only and no PTX to compile for newer GPUs. Use one of: " + WORKING_GPUS
          + "; or the CPU backend");
    }
    if (major < 3 || (major == 3 && minor < 7)) {
      return Optional.of(gpu + " is older than sm_37, the oldest ND4J 1.0.0-M2.1's CUDA build supports. Use one of: "
          + WORKING_GPUS + "; or the CPU backend");
    }
    return Optional.empty();
  }

  /** Throws with {@link #problem}'s message when there is one. */
  public static void require(String backend, int major, int minor) {
    problem(backend, major, minor).ifPresent(message -> {
      throw new IllegalStateException(message);
    });
  }

  static boolean isCuda(String backend) {
    String b = backend.toLowerCase(Locale.ROOT);
    return b.contains("cuda") || b.contains("cublas");
  }

  /**
   * Logs the ND4J backend and, on CUDA, every device's name, compute capability and memory, then
   * refuses an unsupported device. Reads {@code Nd4j.getExecutioner().getEnvironmentInformation()}: on
   * the CUDA backend its {@code cuda.devicesInformation} is a list of maps holding
   * {@code cuda.deviceName}, {@code cuda.deviceMajor}, {@code cuda.deviceMinor},
   * {@code cuda.totalMemory} and {@code cuda.freeMemory} ({@link Nd4jEnvironment}'s keys); the CPU
   * backend has no such list.
   */
  public static void logAndCheck(PrintStream console) {
    String backend = Nd4j.getBackend().getClass().getSimpleName();
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    List<String> problems = new ArrayList<>();
    StringBuilder line = new StringBuilder("ND4J backend " + backend);
    if (isCuda(backend)) {
      Object devices = env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
      if (!(devices instanceof List<?> list) || list.isEmpty()) {
        throw new IllegalStateException("the CUDA backend reports no device (" + Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY
            + " is " + devices + ")");
      }
      for (Object d : list) {
        Map<?, ?> device = (Map<?, ?>) d;
        int major = Integer.parseInt(String.valueOf(device.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)));
        int minor = Integer.parseInt(String.valueOf(device.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY)));
        line.append(String.format(Locale.ROOT, "; device %s, compute capability %d.%d, %.1f GiB total, %.1f GiB free",
            device.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY), major, minor,
            gib(device.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY)), gib(device.get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY))));
        problem(backend, major, minor).ifPresent(p -> problems.add(device.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)
            + ": " + p));
      }
    } else {
      line.append(String.format(Locale.ROOT, "; %s cores, BLAS %s", env.get(Nd4jEnvironment.CPU_CORES_KEY),
          env.get(Nd4jEnvironment.BLAS_VENDOR_KEY)));
    }
    console.println(line);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  private static double gib(Object bytes) {
    try {
      return Double.parseDouble(String.valueOf(bytes)) / (1024.0 * 1024 * 1024);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
