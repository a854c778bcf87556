package dev.pretrain.common.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DocumentSchemaTest {
  @Test
  void theContractItselfPasses() {
    DocumentSchema.require(DocumentSchema.SCHEMA, "docs", "id", "text", "source", "url", "lang", "meta", "dup_cluster_size");
  }

  @Test
  void extraColumnsAndNullabilityDoNotMatterOnlyNamesAndTypes() {
    StructType table = new StructType()
        .add("text", DataTypes.StringType, true)
        .add("id", DataTypes.StringType, true)
        .add("extra", DataTypes.LongType);
    DocumentSchema.require(table, "docs", "id", "text");
  }

  @Test
  void missingAndMistypedColumnsAreAllNamed() {
    StructType table = new StructType().add("id", DataTypes.LongType).add("body", DataTypes.StringType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DocumentSchema.require(table, "/data/curated/documents", "id", "text"));
    assertEquals("/data/curated/documents is not a curated documents table: column 'id' is bigint, expected string; "
        + "missing column 'text' (string). Its columns: struct<id:bigint,body:string>", e.getMessage());
  }
}
