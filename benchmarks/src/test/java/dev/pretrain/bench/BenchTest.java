package dev.pretrain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner behind benchmarks/bin/bench: it knows every program of the module, and runs one. */
class BenchTest {
  /** The repository root: surefire runs in benchmarks/. */
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @Test
  void listsEveryClassOfTheModuleThatHasAMain() throws IOException, URISyntaxException {
    Path classes = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<Class<?>> withMain = new HashSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> type = Class.forName(name, false, Bench.class.getClassLoader());
          if (type != Bench.class && Bench.mainOf(type) != null) {
            withMain.add(type);
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(name, e);
        }
      }
    }
    assertTrue(withMain.contains(dev.pretrain.bench.dedup.CurateBench.class), "the scan of " + classes + " found " + withMain);
    assertEquals(withMain, new HashSet<>(Bench.PROGRAMS), "Bench.PROGRAMS and the module's main classes differ");
  }

  @Test
  void resolvesEveryProgramBySimpleAndFullName() {
    Set<String> simpleNames = Bench.PROGRAMS.stream().map(Class::getSimpleName).collect(Collectors.toSet());
    assertEquals(Bench.PROGRAMS.size(), simpleNames.size(), "two programs share a simple name");
    for (Class<?> program : Bench.PROGRAMS) {
      assertSame(program, Bench.find(program.getSimpleName()));
      assertSame(program, Bench.find(program.getName()));
      assertNotNull(Bench.mainOf(program), program + " has no public static void main(String[])");
      assertTrue(program.getPackageName().startsWith("dev.pretrain.bench."), program.getName());
    }
  }

  @Test
  void refusesAnUnknownNameListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bench.find("CurateBnech"));
    assertTrue(e.getMessage().contains("CurateBnech"), e.getMessage());
    assertTrue(e.getMessage().contains("CurateBench, PerDocumentBench"), e.getMessage());
  }

  @Test
  void runsTheCorpusGeneratorByNameEndToEnd(@TempDir Path tmp) throws Throwable {
    Path out = tmp.resolve("corpus");
    Bench.run(Bench.find("CorpusGenerator"), new String[] {
        "--out", out.toString(), "--mb", "0.2", "--dup-probability", "1", "--sample", HOME.resolve("jobs/sample/corpus").toString()});

    List<Path> docs;
    try (Stream<Path> files = Files.list(out.resolve("docs"))) {
      docs = files.toList();
    }
    long documents = 0;
    for (Path f : docs) {
      documents += Files.readAllLines(f, StandardCharsets.UTF_8).size();
    }
    assertTrue(documents > 10, documents + " documents in " + docs);
    List<String> pairs = Files.readAllLines(out.resolve("planted-pairs.tsv"), StandardCharsets.UTF_8);
    assertTrue(pairs.size() > 1, "planted pairs: " + pairs);
    assertTrue(Files.isRegularFile(out.resolve("corpus.json")));
  }
}
