package dev.pretrain.jobs;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), with the Java and Spark it runs on. */
final class PipelineVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Pipeline.class.getPackage().getImplementationVersion();
    return new String[] {
      "pipeline " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION(),
    };
  }
}
