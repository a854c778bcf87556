package dev.pretrain.trainer;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * {@code train.memory.max-physical-bytes}: JavaCPP's {@code org.bytedeco.javacpp.maxphysicalbytes},
 * a ceiling on the whole process's resident memory (Java heap included). JavaCPP reads the property
 * once, when its {@link Pointer} class initialises, so it is set here before anything touches ND4J.
 *
 * <p>What it does, measured on nd4j-native 1.0.0-M2.1 (docs/training.md, "Memory"): JavaCPP compares the
 * resident size with the limit whenever it registers a native pointer, which ND4J does for every new
 * array and during every op, and throws {@link OutOfMemoryError} once the limit is passed (after a few
 * System.gc() attempts). It is a backstop that stops a run soon after crossing the line, not a cap
 * that refuses the crossing allocation. JavaCPP's other limit, {@code maxbytes}, counts only memory
 * JavaCPP itself allocates, and ND4J's CPU arrays are not among it, so it is not offered.
 */
public final class NativeMemoryLimit {
  private NativeMemoryLimit() {}

  static final String PROPERTY = "org.bytedeco.javacpp.maxphysicalbytes";

  /**
   * Sets the limit (over a {@code -D} given to the JVM) when {@code maxPhysicalBytes > 0}; 0 leaves
   * JavaCPP's own value (its {@code -D}, or by default 4 × the maximum heap).
   *
   * @return the limit in force, 0 for none
   * @throws IllegalStateException when JavaCPP was initialised earlier in this JVM with another value,
   *                               which no later call can change
   */
  public static long apply(long maxPhysicalBytes) {
    if (maxPhysicalBytes < 0) {
      throw new IllegalArgumentException("max physical bytes must be ≥ 0 (0 = JavaCPP's own), got " + maxPhysicalBytes);
    }
    if (maxPhysicalBytes == 0) {
      return Pointer.maxPhysicalBytes();
    }
    String before = System.getProperty(PROPERTY);
    System.setProperty(PROPERTY, Long.toString(maxPhysicalBytes));
    long inForce = Pointer.maxPhysicalBytes();
    if (inForce != maxPhysicalBytes) {
      if (before == null) {
        System.clearProperty(PROPERTY);
      } else {
        System.setProperty(PROPERTY, before);
      }
      throw new IllegalStateException(String.format(Locale.ROOT,
          "train.memory.max-physical-bytes = %,d cannot take effect: JavaCPP was already initialised in this JVM"
              + " with %s = %,d (it reads the limit once). Start the JVM with -D%s=%d instead, or set the key in"
              + " a JVM that runs only the train job", maxPhysicalBytes, PROPERTY, inForce, PROPERTY, maxPhysicalBytes));
    }
    return inForce;
  }
}
