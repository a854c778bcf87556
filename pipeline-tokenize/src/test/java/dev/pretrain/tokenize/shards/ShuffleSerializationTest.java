package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/** What the tokenize job caches, shuffles and collects survives Kryo (conf/spark-defaults.conf) and Java serialization. */
class ShuffleSerializationTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(Serializer serializer, T value) {
    SerializerInstance s = serializer.newInstance();
    ByteBuffer bytes = s.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) s.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void encodedDocumentsKeysRowsAndShardInfosSurviveKryoAndJavaSerialization() {
    for (Serializer serializer : new Serializer[] {new KryoSerializer(new SparkConf()), new JavaSerializer(new SparkConf())}) {
      EncodedDocument doc = roundTrip(serializer, EncodedDocument.encoded("d", 2, 1, 3, new byte[] {1, 0, 0, 0}, 5));
      assertEquals("d", doc.id);
      assertEquals(2, doc.source);
      assertEquals(1, doc.split);
      assertEquals(3, doc.group);
      assertArrayEquals(new byte[] {1, 0, 0, 0}, doc.tokens);
      assertEquals(5, doc.textBytes);
      EncodedDocument reject = roundTrip(serializer, EncodedDocument.rejected("r", "t", "cannot-encode", "why"));
      assertEquals(List.of("cannot-encode", "why"), List.of(reject.reason, reject.error));
      PackKey key = new PackKey(1, 2, "id", 99);
      assertEquals(0, key.compareTo(roundTrip(serializer, key)));
      Tuple2<Long, Tuple2<byte[], int[]>> row = roundTrip(serializer, new Tuple2<>(RowKey.of(1, 7),
          new Tuple2<>(new byte[] {9}, new int[] {0, 4})));
      assertEquals(7, RowKey.seqIdx(row._1()));
      assertEquals(1, RowKey.split(row._1()));
      assertArrayEquals(new int[] {0, 4}, row._2()._2());
      ShardInfo info = new ShardInfo("val", "val/shard-00000.parquet", 3, 0, "ab");
      assertEquals(info, roundTrip(serializer, info));
    }
  }
}
