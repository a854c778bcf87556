package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
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

  @Test
  void charsetDetectionWorksFromTheJarWithoutIcuLocaleData() throws Exception {
    String location = System.getProperty("cluster.jar");
    Assumptions.assumeTrue(location != null, "runs in the verify phase, after package");
    try (JarFile file = new JarFile(Path.of(location).toFile())) {
      assertEquals(List.of(), file.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("com/ibm/icu/impl/data/")).limit(3).toList(), "ICU4J data in the cluster jar");
    }
    // The jar's own ICU4J classes, not the test class path's: a loader whose parent is the platform's.
    String text = "\u3059\u3079\u3066\u306e\u4eba\u9593\u306f\u3001\u751f\u307e\u308c\u306a\u304c\u3089\u306b"
        + "\u3057\u3066\u81ea\u7531\u3067\u3042\u308a\u3001\u304b\u3064\u3001\u5c0a\u53b3\u3068\u6a29\u5229"
        + "\u3068\u306b\u3064\u3044\u3066\u5e73\u7b49\u3067\u3042\u308b\u3002";
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(location).toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> detectorClass = loader.loadClass("com.ibm.icu.text.CharsetDetector");
      Object detector = detectorClass.getConstructor().newInstance();
      detectorClass.getMethod("setText", byte[].class).invoke(detector, text.getBytes(Charset.forName("Shift_JIS")));
      Object match = detectorClass.getMethod("detect").invoke(detector);
      assertEquals("Shift_JIS", match.getClass().getMethod("getName").invoke(match));
      assertEquals(text, match.getClass().getMethod("getString").invoke(match));
    }
  }
}
