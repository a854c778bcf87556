package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The built cluster jar (jobs-VERSION-cluster.jar) holds Spark's committer binding that
 * conf/s3a.conf names, and of Spark nothing else. Runs in the verify phase, after packaging
 * (jobs/pom.xml, execution cluster-jar-check); the jar's path comes as system property cluster.jar.
 */
class ClusterJarCheck {
  private static final List<String> BINDING_SETTINGS = List.of(
      "spark.sql.sources.commitProtocolClass", "spark.sql.parquet.output.committer.class");

  @Test
  void clusterJarCarriesTheCommitterBindingS3aConfNamesAndNoOtherSparkClasses() throws IOException {
    String location = System.getProperty("cluster.jar");
    // Only the verify-phase execution sets it; the test phase (e.g. -Dtest=ClusterJarCheck) runs
    // before the jar is built, or would check a stale one.
    Assumptions.assumeTrue(location != null, "runs in the verify phase, after package");
    Path jar = Path.of(location);
    assertTrue(Files.isRegularFile(jar), "no cluster jar at " + jar + " (run after package)");
    Map<String, String> s3a = ClusterConfFilesTest.sparkConf(ScriptRun.HOME.resolve("conf/s3a.conf"));
    Set<String> sparkPackages = new TreeSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String key : BINDING_SETTINGS) {
        String entry = s3a.get(key).replace('.', '/') + ".class";
        assertTrue(file.getJarEntry(entry) != null, jar.getFileName() + " lacks " + entry + ", named by " + key);
      }
      file.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("org/apache/spark/") && name.endsWith(".class"))
          .forEach(name -> sparkPackages.add(name.substring(0, name.lastIndexOf('/'))));
    }
    assertEquals(Set.of("org/apache/spark/internal/io/cloud"), sparkPackages,
        "Spark classes other than the committer binding in the cluster jar");
  }

  @Test
  void clusterJarHoldsNoBenchmarks() throws IOException {
    String location = System.getProperty("cluster.jar");
    Assumptions.assumeTrue(location != null, "runs in the verify phase, after package");
    // Benchmarks, comparisons and corpus generators live in the benchmarks module, which the jar leaves out.
    try (JarFile file = new JarFile(Path.of(location).toFile())) {
      List<String> benches = file.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("dev/pretrain/") && name.matches(".*/bench/.*")).toList();
      assertEquals(List.of(), benches, "bench classes in the cluster jar");
    }
  }
}
