package dev.pretrain.dedup.components;

import java.util.Comparator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's ascending order of graph nodes, for values collected to the driver: so that the driver's
 * union-find and the distributed rounds ({@code min} and comparisons) pick the same smallest node.
 *
 * <ul>
 *   <li>{@code STRING}: by Unicode code point, which is the order of UTF-8 bytes Spark compares.
 *       {@link String#compareTo} compares UTF-16 units instead, and puts a character beyond U+FFFF
 *       (a surrogate pair, U+D800–DFFF) before U+E000–U+FFFF, where Spark puts it after.
 *   <li>{@code BOOLEAN}: false before true; integers by value.
 *   <li>struct: field by field, a null field before any value.
 * </ul>
 */
final class NodeOrder {
  private NodeOrder() {}

  /** @throws IllegalArgumentException for a type whose order this does not know */
  static Comparator<Object> of(DataType type) {
    if (type instanceof StringType) {
      return (a, b) -> codePoints((String) a, (String) b);
    }
    if (type instanceof BooleanType) {
      return (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
    }
    if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType) {
      return (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if (type instanceof StructType struct) {
      StructField[] fields = struct.fields();
      @SuppressWarnings("unchecked")
      Comparator<Object>[] byField = new Comparator[fields.length];
      for (int i = 0; i < fields.length; i++) {
        byField[i] = of(fields[i].dataType());
      }
      return (a, b) -> {
        Row x = (Row) a;
        Row y = (Row) b;
        for (int i = 0; i < byField.length; i++) {
          boolean xNull = x.isNullAt(i);
          boolean yNull = y.isNullAt(i);
          int c = xNull || yNull ? Boolean.compare(!xNull, !yNull) : byField[i].compare(x.get(i), y.get(i));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };
    }
    throw new IllegalArgumentException("connected components: nodes of type " + type.simpleString()
        + " are not supported (STRING, BOOLEAN, integers, or a struct of them)");
  }

  /** Code point order: UTF-16 order except that a surrogate (half of a pair) sorts after every other unit. */
  static int codePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xPair = Character.isSurrogate(x);
        boolean yPair = Character.isSurrogate(y);
        return xPair == yPair ? Character.compare(x, y) : xPair ? 1 : -1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
