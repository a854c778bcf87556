package dev.pretrain.jobs.quickstart;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What the steps of one quickstart share.
 *
 * @param spark the local session all Spark stages run in
 * @param input the sample corpus directory
 * @param output the directory under which each stage writes its own subdirectory
 */
record QuickstartRun(SparkSession spark, Path input, Path output) {}
