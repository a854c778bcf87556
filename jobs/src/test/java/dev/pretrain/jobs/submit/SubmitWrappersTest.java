package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands the submission wrappers in jobs/submit/ print with --dry-run, and their refusals. */
class SubmitWrappersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN = "dev.pretrain.jobs.Pipeline";
  private static final List<String> SPARK_DEFAULTS = List.of(
      "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
      "--conf", "spark.kryoserializer.buffer.max=512m",
      "--conf", "spark.executor.cores=4",
      "--conf", "spark.executor.memory=12g",
      "--conf", "spark.executor.memoryOverhead=3g",
      "--conf", "spark.driver.memory=8g",
      "--conf", "spark.speculation=false",
      "--conf", "spark.task.maxFailures=4");

  /** One command line per cluster command, as a user would type it after the wrapper's options. */
  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of((Object) new String[] {"curate", "--input", "s3a://b/raw/*.jsonl.gz", "--output", "s3a://b/curated"}),
        Arguments.of((Object) new String[] {"train-tokenizer", "--input", "s3a://b/curated", "--output", "s3a://b/tok.json"}),
        Arguments.of((Object) new String[] {"tokenize", "--input", "s3a://b/curated", "--output", "s3a://b/shards",
            "--tokenizer", "s3a://b/tok.json"}),
        Arguments.of((Object) new String[] {"train", "--data", "s3a://b/shards", "--out", "/mnt/runs/small"}),
        Arguments.of((Object) new String[] {"refresh", "--corpus", "s3a://b/corpus", "--input", "s3a://b/crawl/2026 11/"}));
  }

  private static String[] concat(List<String> head, String[] tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(Arrays.asList(tail));
    return all.toArray(String[]::new);
  }

  private static List<String> plus(List<String> a, List<String> b, String... c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(Arrays.asList(c));
    return all;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void sparkSubmitShipsTheConfigAndPassesItsFileNameInClusterMode(String[] command) {
    List<String> words = ScriptRun.of("jobs/submit/spark-submit.sh", concat(List.of("--dry-run", "--master", "yarn",
        "--jar", "jobs/target/jobs-0.1.0-SNAPSHOT-cluster.jar", "--conf", "conf/emr.conf"), command)).words();

    List<String> expected = plus(List.of("spark-submit", "--class", MAIN, "--name", "pipeline " + command[0],
        "--master", "yarn", "--deploy-mode", "cluster", "--files", "conf/emr.conf"), SPARK_DEFAULTS,
        "jobs/target/jobs-0.1.0-SNAPSHOT-cluster.jar");
    expected.addAll(Arrays.asList(command));
    expected.addAll(List.of("--conf", "emr.conf"));
    assertEquals(expected, words);
  }

  @Test
  void sparkSubmitPrintsOneQuotedLineThatAShellSplitsBackIntoTheSameWords() {
    ScriptRun run = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "--properties-file", "/dev/null", "refresh", "--corpus", "s3a://b/it's here", "--input", "s3a://b/*.gz");
    assertEquals("spark-submit --class dev.pretrain.jobs.Pipeline --name 'pipeline refresh' --deploy-mode cluster"
        + " --files c.conf j.jar refresh --corpus 's3a://b/it'\\''s here' --input 's3a://b/*.gz' --conf c.conf\n",
        run.out());
    // The printed line, run by bash with spark-submit replaced by printf, gives back the words.
    ScriptRun echoed = ScriptRun.shell("printf '%s\\n' " + run.out().strip().substring("spark-submit ".length()));
    assertEquals(run.words().subList(1, run.words().size()), List.of(echoed.out().split("\n")));
  }

  @Test
  void sparkSubmitInClientModePassesTheConfigPathAsGiven() {
    List<String> words = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--deploy-mode", "client",
        "--jar", "j.jar", "--conf", "/etc/pipeline/local.conf", "--properties-file", "/dev/null",
        "curate", "--input", "in", "--output", "out").words();
    assertEquals(List.of("spark-submit", "--class", MAIN, "--name", "pipeline curate", "--deploy-mode", "client",
        "--files", "/etc/pipeline/local.conf", "j.jar", "curate", "--input", "in", "--output", "out",
        "--conf", "/etc/pipeline/local.conf"), words);
  }

  @Test
  void withoutDryRunTheWrapperRunsExactlyThePrintedCommand(@TempDir Path dir) throws IOException {
    Path fake = dir.resolve("spark-submit");
    Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    assertTrue(fake.toFile().setExecutable(true));
    String[] args = {"--jar", "j.jar", "--conf", "c.conf", "--spark-submit", fake.toString(),
        "tokenize", "--input", "a b", "--output", "o"};
    List<String> printed = ScriptRun.of("jobs/submit/spark-submit.sh", concat(List.of("--dry-run"), args)).words();
    ScriptRun ran = ScriptRun.of("jobs/submit/spark-submit.sh", args);
    assertEquals(0, ran.exitCode(), ran.err());
    assertEquals(printed.subList(1, printed.size()), List.of(ran.out().split("\n")));
  }

  @Test
  void gpuAddsTheRapidsPackageAndEverySparkSettingOfTheGpuConf(@TempDir Path dir) throws IOException {
    Path gpuConf = writeGpuConf(dir);
    List<String> words = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "--properties-file", "/dev/null", "--gpu", "--gpu-conf", gpuConf.toString(),
        "curate", "--input", "i", "--output", "o").words();
    assertEquals(List.of("spark-submit", "--class", MAIN, "--name", "pipeline curate", "--deploy-mode", "cluster",
        "--files", "c.conf", "--packages", "com.nvidia:rapids-4-spark_2.12:25.04.0",
        "--conf", "spark.plugins=com.nvidia.spark.SQLPlugin",
        "--conf", "spark.executor.resource.gpu.amount=1",
        "--conf", "spark.rapids.sql.concurrentGpuTasks=2",
        "--conf", "spark.executor.extraJavaOptions=-Dx=1,y",
        "j.jar", "curate", "--input", "i", "--output", "o", "--conf", "c.conf"), words);

    List<String> withJar = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "--gpu", "--gpu-conf", gpuConf.toString(), "--rapids-jar", "/opt/rapids/rapids-4-spark_2.12-25.04.0.jar",
        "curate", "--input", "i", "--output", "o").words();
    int jars = withJar.indexOf("--jars");
    assertEquals("/opt/rapids/rapids-4-spark_2.12-25.04.0.jar", withJar.get(jars + 1));
    assertFalse(withJar.contains("--packages"));
  }

  /** The flat HOCON form conf/rapids-gpu.conf uses: bare and quoted keys, comments, quoted values. */
  static Path writeGpuConf(Path dir) throws IOException {
    return Files.writeString(dir.resolve("gpu.conf"), String.join("\n",
        "# RAPIDS settings",
        "spark {",
        "  conf {",
        "    spark.plugins = \"com.nvidia.spark.SQLPlugin\"",
        "    \"spark.executor.resource.gpu.amount\" = 1",
        "    spark.rapids.sql.concurrentGpuTasks = 2   # two tasks share a GPU",
        "",
        "    spark.executor.extraJavaOptions = \"-Dx=1,y\"",
        "  }",
        "}",
        ""));
  }

  @Test
  void gpuWithoutItsSettingsFileSaysWhichFileIsMissing() {
    ScriptRun run = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "--gpu", "--gpu-conf", "/nonexistent/rapids-gpu.conf", "curate", "--input", "i", "--output", "o");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("/nonexistent/rapids-gpu.conf not found"), run.err());
  }

  @Test
  void gpuSettingsFileInAFormTheWrapperCannotReadIsRefusedNotGuessed(@TempDir Path dir) throws IOException {
    Path nested = Files.writeString(dir.resolve("nested.conf"),
        "spark {\n  conf {\n    spark.rapids { sql.enabled = true }\n  }\n}\n");
    ScriptRun run = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "--gpu", "--gpu-conf", nested.toString(), "curate", "--input", "i", "--output", "o");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("cannot read 'spark.rapids { sql.enabled = true }'"), run.err());
  }

  @Test
  void emrStepRunsSparkSubmitThroughCommandRunnerWithTheConfigLocalisedByFiles() throws IOException {
    List<String> words = ScriptRun.of("jobs/submit/emr-step.sh", "--dry-run", "--cluster-id", "j-2AXXXXXXGAPLF",
        "--region", "eu-west-1", "--jar", "s3://b/jars/jobs.jar", "--conf", "s3://b/conf/emr.conf",
        "refresh", "--corpus", "s3://b/corpus", "--input", "s3://b/crawl/2026-11/").words();
    assertEquals(List.of("aws", "emr", "add-steps", "--region", "eu-west-1", "--cluster-id", "j-2AXXXXXXGAPLF",
        "--steps"), words.subList(0, 8));
    assertEquals(9, words.size());
    JsonNode steps = JSON.readTree(words.get(8));
    assertEquals(1, steps.size());
    JsonNode step = steps.get(0);
    assertEquals("CUSTOM_JAR", step.get("Type").asText());
    assertEquals("command-runner.jar", step.get("Jar").asText());
    assertEquals("CONTINUE", step.get("ActionOnFailure").asText());
    assertEquals("pipeline refresh", step.get("Name").asText());
    List<String> args = new ArrayList<>();
    step.get("Args").forEach(a -> args.add(a.asText()));
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", MAIN, "--name", "pipeline refresh",
        "--files", "s3://b/conf/emr.conf"), args.subList(0, 9));
    assertTrue(args.containsAll(List.of("spark.executor.memory=20g",
        "spark.sql.parquet.fs.optimized.committer.optimization-enabled=true")), args.toString());
    assertEquals(List.of("s3://b/jars/jobs.jar", "refresh", "--corpus", "s3://b/corpus", "--input",
        "s3://b/crawl/2026-11/", "--conf", "emr.conf"), args.subList(args.size() - 8, args.size()));
    assertFalse(args.contains("spark.plugins=com.nvidia.spark.SQLPlugin"));
  }

  @Test
  void trainWithGpuTakesTheTrainerGpuSettingsAndNoRapids() throws IOException {
    List<String> words = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--jar", "j-cuda.jar",
        "--conf", "c.conf", "--properties-file", "/dev/null", "--gpu",
        "train", "--data", "s3a://b/shards", "--out", "s3a://b/run", "--workers", "8").words();
    assertFalse(words.contains("--packages") || words.contains("--jars"), words.toString());
    assertFalse(words.contains("spark.plugins=com.nvidia.spark.SQLPlugin"), words.toString());
    for (String setting : new String[] {"spark.dynamicAllocation.enabled=false", "spark.task.resource.gpu.amount=1",
        "spark.executor.resource.gpu.amount=1", "spark.task.cpus=4"}) {
      assertTrue(words.contains(setting), setting + " missing from " + words);
    }

    List<String> emr = ScriptRun.of("jobs/submit/emr-step.sh", "--dry-run", "--cluster-id", "j-1", "--gpu",
        "--jar", "s3://b/j-cuda.jar", "--conf", "s3://b/emr.conf", "train", "--data", "s3://b/shards",
        "--out", "s3://b/run", "--workers", "4").words();
    List<String> args = new ArrayList<>();
    JSON.readTree(emr.get(emr.size() - 1)).get(0).get("Args").forEach(a -> args.add(a.asText()));
    assertTrue(args.contains("spark.task.resource.gpu.amount=1"), args.toString());
    assertFalse(args.contains("spark.plugins=com.nvidia.spark.SQLPlugin"), args.toString());
  }

  @Test
  void emrStepGpuUsesEmrsOwnRapidsBuildWithoutAddingAJar() throws IOException {
    List<String> words = ScriptRun.of("jobs/submit/emr-step.sh", "--dry-run", "--cluster-id", "j-1", "--gpu",
        "--jar", "s3://b/j.jar", "--conf", "s3://b/emr.conf", "train-tokenizer", "--input", "s3://b/c",
        "--output", "s3://b/t.json").words();
    List<String> args = new ArrayList<>();
    JSON.readTree(words.get(words.size() - 1)).get(0).get("Args").forEach(a -> args.add(a.asText()));
    assertTrue(args.contains("spark.plugins=com.nvidia.spark.SQLPlugin"), args.toString());
    assertTrue(args.contains("spark.executor.resource.gpu.discoveryScript=/usr/lib/spark/scripts/gpu/getGpusResources.sh"));
    assertFalse(args.contains("--jars") || args.contains("--packages"), "EMR brings its RAPIDS jar: " + args);
    // The settings match the cluster configuration the README tells users to create GPU clusters with.
    JsonNode configurations = JSON.readTree(ScriptRun.HOME.resolve("jobs/submit/emr-gpu-configurations.json").toFile());
    JsonNode spark = find(configurations, "spark");
    assertEquals("true", spark.get("Properties").get("enableSparkRapids").asText());
    assertEquals("/usr/lib/spark/scripts/gpu/getGpusResources.sh",
        find(configurations, "spark-defaults").get("Properties").get("spark.executor.resource.gpu.discoveryScript").asText());
  }

  private static JsonNode find(JsonNode configurations, String classification) {
    for (JsonNode c : configurations) {
      if (c.get("Classification").asText().equals(classification)) {
        return c;
      }
    }
    throw new AssertionError("no " + classification + " classification");
  }

  @Test
  void emrServerlessStartsAJobRunWithTheJarAsEntryPointAndTheConfigReadFromS3() throws IOException {
    List<String> words = ScriptRun.of("jobs/submit/emr-serverless.sh", "--dry-run", "--application-id", "00fexample",
        "--execution-role-arn", "arn:aws:iam::123456789012:role/pipeline", "--jar", "s3://b/j.jar",
        "--conf", "s3://b/conf/emr.conf", "--log-uri", "s3://b/logs/",
        "tokenize", "--input", "s3://b/curated", "--output", "s3://b/shards").words();
    assertEquals(List.of("aws", "emr-serverless", "start-job-run", "--application-id", "00fexample",
        "--execution-role-arn", "arn:aws:iam::123456789012:role/pipeline", "--name", "pipeline tokenize",
        "--job-driver"), words.subList(0, 10));
    JsonNode submit = JSON.readTree(words.get(10)).get("sparkSubmit");
    assertEquals("s3://b/j.jar", submit.get("entryPoint").asText());
    List<String> entryArgs = new ArrayList<>();
    submit.get("entryPointArguments").forEach(a -> entryArgs.add(a.asText()));
    assertEquals(List.of("tokenize", "--input", "s3://b/curated", "--output", "s3://b/shards",
        "--conf", "s3://b/conf/emr.conf"), entryArgs);
    String params = submit.get("sparkSubmitParameters").asText();
    assertTrue(params.startsWith("--class " + MAIN + " --conf spark.serializer="), params);
    assertTrue(params.contains("--conf spark.dynamicAllocation.maxExecutors=50"), params);
    assertEquals("--configuration-overrides", words.get(11));
    assertEquals("s3://b/logs/",
        JSON.readTree(words.get(12)).at("/monitoringConfiguration/s3MonitoringConfiguration/logUri").asText());
  }

  @Test
  void emrServerlessRefusesGpuAndSettingsWithSpaces() {
    ScriptRun gpu = ScriptRun.of("jobs/submit/emr-serverless.sh", "--dry-run", "--gpu", "--application-id", "a",
        "--execution-role-arn", "r", "--jar", "s3://b/j.jar", "--conf", "s3://b/e.conf",
        "train", "--data", "s3://b/s", "--out", "s3://b/r");
    assertEquals(2, gpu.exitCode());
    assertTrue(gpu.err().contains("EMR Serverless has no GPU workers"), gpu.err());

    ScriptRun spaced = ScriptRun.of("jobs/submit/emr-serverless.sh", "--dry-run", "--application-id", "a",
        "--execution-role-arn", "r", "--jar", "s3://b/j.jar", "--conf", "s3://b/e.conf",
        "--spark-conf", "spark.driver.extraJavaOptions=-Da=1 -Db=2",
        "train", "--data", "s3://b/s", "--out", "s3://b/r");
    assertEquals(2, spaced.exitCode());
    assertTrue(spaced.err().contains("holds a space"), spaced.err());
  }

  @Test
  void dataprocSubmitsASparkJobWithTheConfigInFilesAndSettingsAsProperties(@TempDir Path dir) throws IOException {
    List<String> words = ScriptRun.of("jobs/submit/dataproc.sh", "--dry-run", "--cluster", "pipeline",
        "--region", "europe-west1", "--project", "my-project", "--jar", "gs://b/j.jar", "--conf", "gs://b/dataproc.conf",
        "--jdk-archive", "gs://b/jdk/jdk-17.tar.gz",
        "refresh", "--corpus", "gs://b/corpus", "--input", "gs://b/crawl/2026-11/").words();
    assertEquals(List.of("gcloud", "dataproc", "jobs", "submit", "spark", "--cluster=pipeline", "--region=europe-west1",
        "--project=my-project", "--class=" + MAIN, "--jars=gs://b/j.jar", "--files=gs://b/dataproc.conf",
        "--archives=gs://b/jdk/jdk-17.tar.gz",
        "--properties=spark.serializer=org.apache.spark.serializer.KryoSerializer,spark.kryoserializer.buffer.max=512m,"
            + "spark.executor.cores=4,spark.executor.memory=20g,spark.executor.memoryOverhead=4g,spark.driver.memory=8g,"
            + "spark.speculation=false,spark.task.maxFailures=4,spark.submit.deployMode=cluster,"
            + "spark.yarn.appMasterEnv.JAVA_HOME=./jdk-17.tar.gz/jdk-17,spark.executorEnv.JAVA_HOME=./jdk-17.tar.gz/jdk-17",
        "--", "refresh", "--corpus", "gs://b/corpus", "--input", "gs://b/crawl/2026-11/", "--conf", "dataproc.conf"),
        words);

    // --gpu: the RAPIDS jar joins --jars; a value with a comma switches gcloud's list delimiter.
    List<String> gpu = ScriptRun.of("jobs/submit/dataproc.sh", "--dry-run", "--cluster", "c", "--region", "r",
        "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--properties-file", "/dev/null", "--gpu",
        "--java-home", "/opt/jdk-17",
        "--gpu-conf", writeGpuConf(dir).toString(), "--rapids-jar", "gs://b/rapids-4-spark_2.12-25.04.0.jar",
        "curate", "--input", "gs://b/raw", "--output", "gs://b/cur").words();
    assertTrue(gpu.contains("--jars=gs://b/j.jar,gs://b/rapids-4-spark_2.12-25.04.0.jar"), gpu.toString());
    assertTrue(gpu.contains("--properties=^#^spark.submit.deployMode=cluster#spark.yarn.appMasterEnv.JAVA_HOME=/opt/jdk-17"
        + "#spark.executorEnv.JAVA_HOME=/opt/jdk-17#spark.plugins=com.nvidia.spark.SQLPlugin"
        + "#spark.executor.resource.gpu.amount=1#spark.rapids.sql.concurrentGpuTasks=2"
        + "#spark.executor.extraJavaOptions=-Dx=1,y"), gpu.toString());
  }

  /** The Spark properties of a printed gcloud command, in order, as key=value. */
  static List<String> gcloudProperties(List<String> words) {
    String properties = words.stream().filter(w -> w.startsWith("--properties=")).findFirst()
        .orElseThrow(() -> new AssertionError("no --properties in " + words)).substring("--properties=".length());
    if (properties.startsWith("^#^")) {
      return List.of(properties.substring(3).split("#"));
    }
    return List.of(properties.split(","));
  }

  /**
   * Dataproc 2.2 images run Java 11 and the jar is Java 17: the job runs on a JDK 17 given by
   * the YARN JAVA_HOME settings, with the driver inside YARN (cluster deploy mode).
   */
  @Test
  void dataprocRunsTheDriverAndExecutorsOnJava17() {
    String[] job = {"tokenize", "--input", "gs://b/cur", "--output", "gs://b/shards"};
    List<String> shipped = ScriptRun.of("jobs/submit/dataproc.sh", concat(List.of("--dry-run", "--cluster", "c",
        "--region", "r", "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--jdk-archive", "gs://b/jdk/temurin17.tgz"),
        job)).words();
    assertTrue(shipped.contains("--archives=gs://b/jdk/temurin17.tgz"), shipped.toString());
    // YARN unpacks the archive into a directory named after its file, in every container.
    assertTrue(gcloudProperties(shipped).containsAll(List.of("spark.submit.deployMode=cluster",
        "spark.yarn.appMasterEnv.JAVA_HOME=./temurin17.tgz/jdk-17",
        "spark.executorEnv.JAVA_HOME=./temurin17.tgz/jdk-17")), shipped.toString());

    List<String> inside = ScriptRun.of("jobs/submit/dataproc.sh", concat(List.of("--dry-run", "--cluster", "c",
        "--region", "r", "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--jdk-archive", "gs://b/jdk/temurin17.tgz",
        "--java-home", "./temurin17.tgz/jdk-17.0.13+11"), job)).words();
    assertTrue(gcloudProperties(inside).contains("spark.executorEnv.JAVA_HOME=./temurin17.tgz/jdk-17.0.13+11"),
        inside.toString());

    List<String> installed = ScriptRun.of("jobs/submit/dataproc.sh", concat(List.of("--dry-run", "--cluster", "c",
        "--region", "r", "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--java-home", "/usr/lib/jvm/jdk-17"),
        job)).words();
    assertFalse(installed.stream().anyMatch(w -> w.startsWith("--archives")), installed.toString());
    assertTrue(gcloudProperties(installed).containsAll(List.of("spark.submit.deployMode=cluster",
        "spark.yarn.appMasterEnv.JAVA_HOME=/usr/lib/jvm/jdk-17", "spark.executorEnv.JAVA_HOME=/usr/lib/jvm/jdk-17")),
        installed.toString());

    List<String> cluster = List.of("--dry-run", "--cluster", "c", "--region", "r", "--jar", "gs://b/j.jar",
        "--conf", "gs://b/d.conf");
    assertRefused("jobs/submit/dataproc.sh", "the jar needs Java 17 and Dataproc 2.2 images run Java 11",
        concat(cluster, job));
    assertRefused("jobs/submit/dataproc.sh", "--java-home 'jdk-17' must be an absolute path",
        concat(plus(cluster, List.of("--java-home", "jdk-17")), job));
    assertRefused("jobs/submit/dataproc.sh", "--jdk-archive must be a gs:// URI",
        concat(plus(cluster, List.of("--jdk-archive", "/tmp/jdk-17.tar.gz")), job));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark-submit.sh", "emr-step.sh", "emr-serverless.sh", "dataproc.sh"})
  void everyWrapperNamesWhatIsMissing(String wrapper) {
    String script = "jobs/submit/" + wrapper;
    assertRefused(script, "--jar is required", "--dry-run", "--conf", "c.conf", "curate", "--input", "i", "--output", "o");
    assertRefused(script, "--conf is required", "--dry-run", "--jar", "j.jar", "curate", "--input", "i", "--output", "o");
    assertRefused(script, "a pipeline command is required", "--dry-run", "--jar", "j.jar", "--conf", "c.conf");
    assertRefused(script, "unknown or non-cluster command 'sample'", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "sample", "--checkpoint", "x");
    assertRefused(script, "refresh needs --input", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "refresh", "--corpus", "s3a://b/c");
    assertRefused(script, "train needs --out", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "train", "--data", "d");
    assertRefused(script, "give the config file to the wrapper", "--dry-run", "--jar", "j.jar", "--conf", "c.conf",
        "curate", "--input", "i", "--output", "o", "--conf", "other.conf");
    assertRefused(script, "unknown option --jra", "--dry-run", "--jra", "j.jar", "--conf", "c.conf", "curate");
    assertRefused(script, "--jar needs a value", "--dry-run", "--jar");
    ScriptRun help = ScriptRun.of(script, "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().startsWith("Usage: " + wrapper), help.out());
  }

  @Test
  void cloudWrappersNameTheirOwnRequirements() {
    assertRefused("jobs/submit/emr-step.sh", "--cluster-id is required", "--dry-run", "--jar", "s3://b/j.jar",
        "--conf", "s3://b/c.conf", "curate", "--input", "i", "--output", "o");
    assertRefused("jobs/submit/emr-step.sh", "--jar must be a s3:// URI", "--dry-run", "--cluster-id", "j-1",
        "--jar", "jobs/target/j.jar", "--conf", "s3://b/c.conf", "curate", "--input", "i", "--output", "o");
    assertRefused("jobs/submit/emr-serverless.sh", "--execution-role-arn is required", "--dry-run",
        "--application-id", "a", "--jar", "s3://b/j.jar", "--conf", "s3://b/c.conf",
        "curate", "--input", "i", "--output", "o");
    assertRefused("jobs/submit/dataproc.sh", "--region is required", "--dry-run", "--cluster", "c",
        "--jar", "gs://b/j.jar", "--conf", "gs://b/c.conf", "curate", "--input", "i", "--output", "o");
    assertRefused("jobs/submit/dataproc.sh", "--conf must be a gs:// URI", "--dry-run", "--cluster", "c",
        "--region", "r", "--jar", "gs://b/j.jar", "--conf", "conf/dataproc.conf", "curate", "--input", "i", "--output", "o");
  }

  /** The value of each --conf KEY=VALUE in a printed spark-submit command, by key; fails on a repeated key. */
  static Map<String, String> sparkSubmitSettings(List<String> words) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < words.size() && !words.get(i).endsWith(".jar"); i++) {
      if (words.get(i).equals("--conf")) {
        String setting = words.get(++i);
        int eq = setting.indexOf('=');
        String earlier = settings.put(setting.substring(0, eq), setting.substring(eq + 1));
        assertNull(earlier, "set twice: " + setting.substring(0, eq) + " in " + words);
      }
    }
    return settings;
  }

  @Test
  void sparkSubmitSetsTheEventLogDirectoryWhenItTurnsTheEventLogOn() {
    List<String> local = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--master", "local[2]",
        "--jar", "j.jar", "--conf", "conf/local.conf", "curate", "--input", "in", "--output", "out").words();
    Map<String, String> settings = sparkSubmitSettings(local);
    assertFalse(settings.containsKey("spark.eventLog.enabled"), "event log without a directory: " + settings);
    assertFalse(settings.containsKey("spark.eventLog.dir"), settings.toString());

    List<String> logged = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--master", "yarn",
        "--event-log-dir", "hdfs:///spark-history", "--jar", "j.jar", "--conf", "c.conf",
        "refresh", "--corpus", "hdfs:///c", "--input", "hdfs:///i").words();
    assertEquals("true", sparkSubmitSettings(logged).get("spark.eventLog.enabled"));
    assertEquals("hdfs:///spark-history", sparkSubmitSettings(logged).get("spark.eventLog.dir"));

    assertRefused("jobs/submit/spark-submit.sh", "spark.eventLog.enabled=true without spark.eventLog.dir",
        "--dry-run", "--jar", "j.jar", "--conf", "c.conf", "--spark-conf", "spark.eventLog.enabled=true",
        "curate", "--input", "i", "--output", "o");
  }

  @Test
  void sparkSubmitRunsALocalMasterInClientModeWithTheConfigPathAsGiven() {
    List<String> words = ScriptRun.of("jobs/submit/spark-submit.sh", "--dry-run", "--master", "local[*]",
        "--jar", "j.jar", "--conf", "conf/local.conf", "curate", "--input", "in", "--output", "out").words();
    assertEquals("client", words.get(words.indexOf("--deploy-mode") + 1), words.toString());
    assertEquals(List.of("--conf", "conf/local.conf"), words.subList(words.size() - 2, words.size()));
    // spark-submit itself refuses "Cluster deploy mode is not compatible with master local".
    assertRefused("jobs/submit/spark-submit.sh", "--deploy-mode cluster does not work with --master local[2]",
        "--dry-run", "--master", "local[2]", "--deploy-mode", "cluster", "--jar", "j.jar", "--conf", "c.conf",
        "curate", "--input", "i", "--output", "o");
  }

  /** The GPU trainer's settings replace the properties file's (executor memory, cores), each key once. */
  @Test
  void gpuTrainingGivesEachSparkSettingOnceWithTheGpuValue() throws IOException {
    String[] train = {"train", "--data", "PFX://b/shards", "--out", "PFX://b/run", "--workers", "4"};
    Map<String, String> plain = sparkSubmitSettings(ScriptRun.of("jobs/submit/spark-submit.sh",
        concat(List.of("--dry-run", "--jar", "j.jar", "--conf", "c.conf", "--gpu",
            "--spark-conf", "spark.task.maxFailures=8"), withScheme(train, "s3a"))).words());
    assertEquals("16g", plain.get("spark.executor.memory"), plain.toString());
    assertEquals("12g", plain.get("spark.executor.memoryOverhead"), plain.toString());
    assertEquals("8", plain.get("spark.task.maxFailures"), "--spark-conf wins: " + plain);

    List<String> emr = ScriptRun.of("jobs/submit/emr-step.sh", concat(List.of("--dry-run", "--cluster-id", "j-1",
        "--gpu", "--jar", "s3://b/j-cuda.jar", "--conf", "s3://b/emr.conf"), withScheme(train, "s3"))).words();
    List<String> args = new ArrayList<>();
    JSON.readTree(emr.get(emr.size() - 1)).get(0).get("Args").forEach(a -> args.add(a.asText()));
    Map<String, String> step = sparkSubmitSettings(args);
    assertEquals("16g", step.get("spark.executor.memory"), step.toString());
    assertEquals("4", step.get("spark.task.cpus"), step.toString());

    List<String> dataproc = gcloudProperties(ScriptRun.of("jobs/submit/dataproc.sh", concat(List.of("--dry-run",
        "--cluster", "c", "--region", "r", "--gpu", "--jar", "gs://b/j-cuda.jar", "--conf", "gs://b/d.conf",
        "--java-home", "/opt/jdk-17"), withScheme(train, "gs"))).words());
    List<String> keys = dataproc.stream().map(p -> p.substring(0, p.indexOf('='))).toList();
    assertEquals(new TreeSet<>(keys).size(), keys.size(), "a key twice: " + dataproc);
    assertTrue(dataproc.contains("spark.executor.memory=16g"), dataproc.toString());
  }

  private static String[] withScheme(String[] command, String scheme) {
    return Arrays.stream(command).map(a -> a.replace("PFX", scheme)).toArray(String[]::new);
  }

  /** Wrappers for cloud clusters and the options that must name cluster storage there. */
  static Stream<Arguments> localPaths() {
    List<String> emrStep = List.of("jobs/submit/emr-step.sh", "--dry-run", "--cluster-id", "j-1",
        "--jar", "s3://b/j.jar", "--conf", "s3://b/emr.conf");
    List<String> serverless = List.of("jobs/submit/emr-serverless.sh", "--dry-run", "--application-id", "a",
        "--execution-role-arn", "r", "--jar", "s3://b/j.jar", "--conf", "s3://b/emr.conf");
    List<String> dataproc = List.of("jobs/submit/dataproc.sh", "--dry-run", "--cluster", "c", "--region", "r",
        "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--java-home", "/opt/jdk-17");
    return Stream.of(
        Arguments.of(emrStep, List.of("curate", "--input", "/data/raw", "--output", "s3://b/cur"), "--input", "/data/raw"),
        Arguments.of(emrStep, List.of("curate", "--input", "s3://b/raw", "--output", "curated"), "--output", "curated"),
        Arguments.of(emrStep, List.of("tokenize", "--input", "s3a://b/cur", "--output", "s3a://b/sh",
            "--tokenizer", "file:///home/me/tokenizer.json"), "--tokenizer", "file:///home/me/tokenizer.json"),
        Arguments.of(serverless, List.of("train", "--data", "s3://b/shards", "--out=/mnt/runs/r1"), "--out", "/mnt/runs/r1"),
        Arguments.of(serverless, List.of("refresh", "--corpus", "hdfs:///corpus", "--input", "s3://b/crawl/"),
            "--corpus", "hdfs:///corpus"),
        Arguments.of(dataproc, List.of("curate", "--input", "gs://b/raw", "--output", "gs://b/cur",
            "--against", "s3://b/old"), "--against", "s3://b/old"),
        Arguments.of(dataproc, List.of("train-tokenizer", "--input", "./curated", "--output", "gs://b/t.json"),
            "--input", "./curated"));
  }

  @ParameterizedTest
  @MethodSource("localPaths")
  void cloudWrappersRefuseAPathTheClusterCannotReachNamingTheOptionAndThePath(List<String> wrapper,
      List<String> command, String option, String path) {
    ScriptRun run = ScriptRun.of(Map.of(), wrapper.get(0), plus(wrapper.subList(1, wrapper.size()), command)
        .toArray(String[]::new));
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains(command.get(0) + " " + option + " '" + path + "' is a local path; a cluster job needs "),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void cloudWrappersAcceptEveryClusterSchemeAndTiktokenNames() {
    List<String> emr = ScriptRun.of("jobs/submit/emr-step.sh", "--dry-run", "--cluster-id", "j-1", "--jar", "s3://b/j.jar",
        "--conf", "s3://b/emr.conf", "tokenize", "--input", "s3a://b/cur", "--output=hdfs:///shards",
        "--tokenizer", "tiktoken:cl100k_base").words();
    assertEquals("add-steps", emr.get(2));
    List<String> dataproc = ScriptRun.of("jobs/submit/dataproc.sh", "--dry-run", "--cluster", "c", "--region", "r",
        "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--java-home", "/opt/jdk-17",
        "train", "--data", "hdfs:///shards", "--out", "gs://b/run").words();
    assertEquals("submit", dataproc.get(3));
  }

  private static void assertRefused(String script, String message, String... args) {
    ScriptRun run = ScriptRun.of(Map.of(), script, args);
    assertEquals(2, run.exitCode(), script + " " + String.join(" ", args) + " printed:\n" + run.out());
    assertTrue(run.err().contains(message), "expected '" + message + "' from " + script + ", got:\n" + run.err());
    assertEquals("", run.out(), "a refused submission prints no command");
  }
}
