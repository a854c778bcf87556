package dev.pretrain.trainer;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elements of the distinct ND4J buffers reachable from an object through the fields of this project's
 * classes (and arrays of them): views count once, with the buffer they share. The memory test's
 * measure of what a live model allocates.
 */
final class LiveBuffers {
  private LiveBuffers() {}

  static long elements(Object root) {
    Map<Long, Long> buffers = new HashMap<>();   // native address → elements
    visit(root, Collections.newSetFromMap(new IdentityHashMap<>()), buffers);
    return buffers.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void visit(Object o, Set<Object> seen, Map<Long, Long> buffers) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof INDArray array) {
      DataBuffer data = array.data();
      // A view's buffer has the address of the whole and its own length: the whole is the longest.
      buffers.merge(data.address(), data.length(), Math::max);
      return;
    }
    Class<?> type = o.getClass();
    if (type.isArray()) {
      if (!type.getComponentType().isPrimitive()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          visit(Array.get(o, i), seen, buffers);
        }
      }
      return;
    }
    if (!type.getName().startsWith("dev.pretrain.")) {
      return;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        f.setAccessible(true);
        try {
          visit(f.get(o), seen, buffers);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
