package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.shards.TokenCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class EncodeDocumentsTest {

  private static List<EncodedDocument> encode(Row... docs) throws IOException {
    TokenizerSource source = TokenizerSource.of("tiktoken:r50k_base", new Configuration());
    List<EncodedDocument> out = new ArrayList<>();
    new EncodeDocuments(source, 50256, 0.0, 4).call(List.of(docs).iterator()).forEachRemaining(out::add);
    return out;
  }

  @Test
  void appendsEndOfTextAndEncodesSpecialTokenTextAsOrdinaryText() throws IOException {
    EncodedDocument r = encode(RowFactory.create("a", "hi <|endoftext|>")).get(0);
    int[] ids = TokenCodec.decode(r.tokens);
    assertEquals(50256, ids[ids.length - 1]);
    for (int i = 0; i < ids.length - 1; i++) {
      assertTrue(ids[i] != 50256, "document text must not become the end-of-text id");
    }
    assertEquals(ids.length, r.tokenCount());
    assertEquals("hi <|endoftext|>".length(), r.textBytes);
    assertNull(r.reason);
  }

  @Test
  void rejectsTextThatIsNotUnicodeAndNullFieldsWithAReason() throws IOException {
    List<EncodedDocument> out = encode(RowFactory.create("bad", "x \uD800 y"), RowFactory.create("n", null),
        RowFactory.create(null, "t"));
    // Stable reasons; the encoder's message (which names the position) goes apart.
    assertEquals("cannot-encode", out.get(0).reason);
    assertTrue(out.get(0).error.contains("unpaired surrogate U+D800 at char 2"), out.get(0).error);
    assertEquals("x \uD800 y", out.get(0).text);
    assertEquals("text-is-null", out.get(1).reason);
    assertEquals("id-is-null", out.get(2).reason);
    assertNull(out.get(0).tokens);
  }
}
