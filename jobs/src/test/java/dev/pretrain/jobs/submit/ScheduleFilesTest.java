package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.JobCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The schedules in jobs/schedule/ name the real main class and give `refresh` only options it has,
 * including every required one. The options come from the picocli command itself, so renaming an
 * option without updating the schedules fails here.
 */
class ScheduleFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCHEDULE = ScriptRun.HOME.resolve("jobs/schedule");
  private static final String MAIN = Pipeline.class.getName();

  private static CommandSpec refresh() {
    return new CommandLine(new Pipeline()).getSubcommands().get("refresh").getCommandSpec();
  }

  /** Asserts that {@code args} (starting with "refresh") is a command line the refresh command accepts. */
  private static void assertValidRefresh(List<String> args, String where) {
    assertEquals("refresh", args.get(0), where);
    CommandSpec spec = refresh();
    Set<String> given = new TreeSet<>();
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        continue;
      }
      OptionSpec option = spec.findOption(arg);
      assertTrue(option != null, where + ": refresh has no option " + arg + "; it has " + optionNames(spec));
      given.add(option.longestName());
      if (option.arity().min() > 0) {
        assertTrue(i + 1 < args.size() && !args.get(i + 1).startsWith("--"), where + ": " + arg + " has no value");
      }
    }
    CommandLine parsed = new CommandLine(new Pipeline());
    parsed.parseArgs(args.toArray(String[]::new));
    JobCommand command = parsed.getSubcommands().get("refresh").getCommand();
    assertEquals(List.of(), command.missingToRun(), where + " does not give refresh every option a run needs");
    // What the issue promises schedules use; the lead's refresh keeps both.
    assertTrue(given.containsAll(List.of("--corpus", "--input")), where + ": " + given);
  }

  private static List<String> optionNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    spec.options().forEach(o -> names.add(o.longestName()));
    return names;
  }

  @Test
  void refreshRequiresTheOptionsTheSchedulesAreCheckedFor() {
    JobCommand bare = new CommandLine(new Pipeline()).getSubcommands().get("refresh").getCommand();
    assertEquals(List.of("--corpus", "--input"), bare.missingToRun());
  }

  @Test
  void cronLineRunsTheSparkSubmitWrapperWithARefreshItAccepts() throws IOException {
    List<String> entries = Files.readAllLines(SCHEDULE.resolve("crontab")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    assertEquals(1, entries.size(), "one cron entry");
    String[] fields = entries.get(0).split("\\s+", 7);
    assertEquals(7, fields.length, "m h dom mon dow user command: " + entries.get(0));
    String command = fields[6];
    int start = command.indexOf("jobs/submit/spark-submit.sh");
    int end = command.indexOf(" >>");
    assertTrue(start >= 0 && end > start, command);
    // The cron command itself, run by the wrapper in dry-run mode from the repository root.
    String wrapperCall = command.substring(start, end).replace("spark-submit.sh ", "spark-submit.sh --dry-run ");
    List<String> words = ScriptRun.shell(wrapperCall).words();
    assertEquals(MAIN, words.get(words.indexOf("--class") + 1));
    int refresh = words.indexOf("refresh");
    assertValidRefresh(words.subList(refresh, words.size()), "crontab");
  }

  @Test
  void eventBridgeScheduleStartsAnEmrServerlessRunOfRefresh() throws IOException {
    JsonNode schedule = JSON.readTree(SCHEDULE.resolve("eventbridge-emr-serverless.json").toFile());
    JsonNode target = schedule.get("Target");
    assertEquals("arn:aws:scheduler:::aws-sdk:emrserverless:startJobRun", target.get("Arn").asText());
    assertTrue(schedule.get("ScheduleExpression").asText().startsWith("cron("));
    JsonNode input = JSON.readTree(target.get("Input").asText());
    assertEquals("<aws.scheduler.execution-id>", input.get("ClientToken").asText(),
        "retries of one invocation must be idempotent");
    JsonNode submit = input.get("JobDriver").get("SparkSubmit");
    assertTrue(submit.get("SparkSubmitParameters").asText().startsWith("--class " + MAIN + " "));
    List<String> args = new ArrayList<>();
    submit.get("EntryPointArguments").forEach(a -> args.add(a.asText()));
    assertValidRefresh(args, "eventbridge-emr-serverless.json");
  }

  @Test
  void dataprocWorkflowRunsRefreshAndItsParametersPointAtTheRightArguments() throws IOException {
    List<String> lines = Files.readAllLines(SCHEDULE.resolve("dataproc-refresh-workflow.yaml"));
    assertTrue(lines.stream().anyMatch(l -> l.strip().equals("mainClass: " + MAIN)), "mainClass " + MAIN);
    List<String> args = yamlList(lines, "args:");
    assertValidRefresh(args, "dataproc-refresh-workflow.yaml");
    // Each parameter's field must be the value after its option, or instantiating with
    // INPUT=... would overwrite the wrong argument.
    Pattern field = Pattern.compile("- jobs\\['refresh'\\]\\.sparkJob\\.args\\[(\\d+)\\]");
    Map<String, String> optionOf = Map.of("CORPUS", "--corpus", "INPUT", "--input");
    String parameter = null;
    int checked = 0;
    for (String line : lines) {
      String s = line.strip();
      if (s.startsWith("- name: ")) {
        parameter = s.substring("- name: ".length());
      }
      Matcher m = field.matcher(s);
      if (m.matches()) {
        int index = Integer.parseInt(m.group(1));
        assertEquals(optionOf.get(parameter), args.get(index - 1), "parameter " + parameter + " points at " + s);
        checked++;
      }
    }
    assertEquals(2, checked, "CORPUS and INPUT parameters");
  }

  /** The settings that put a Dataproc job on Java 17, as jobs/submit/dataproc.sh prints them. */
  private static final List<String> JAVA_17_KEYS = List.of(
      "spark.submit.deployMode", "spark.yarn.appMasterEnv.JAVA_HOME", "spark.executorEnv.JAVA_HOME");

  /** What dataproc.sh --jdk-archive ARCHIVE sets for JAVA_17_KEYS. */
  private static Map<String, String> wrapperJava17(String archive) {
    List<String> words = ScriptRun.of("jobs/submit/dataproc.sh", "--dry-run", "--cluster", "c", "--region", "r",
        "--jar", "gs://b/j.jar", "--conf", "gs://b/d.conf", "--jdk-archive", archive,
        "refresh", "--corpus", "gs://b/corpus", "--input", "gs://b/crawl/").words();
    assertTrue(words.contains("--archives=" + archive), words.toString());
    Map<String, String> java = new TreeMap<>();
    for (String setting : SubmitWrappersTest.gcloudProperties(words)) {
      String key = setting.substring(0, setting.indexOf('='));
      if (JAVA_17_KEYS.contains(key)) {
        java.put(key, setting.substring(setting.indexOf('=') + 1));
      }
    }
    assertEquals(JAVA_17_KEYS.size(), java.size(), words.toString());
    return java;
  }

  /**
   * Dataproc 2.2 images run Java 11 and the jar is Java 17: the workflow's job ships the JDK 17
   * archive and runs the driver and executors on it, with the settings dataproc.sh prints.
   */
  @Test
  void dataprocWorkflowRunsTheJobOnTheJava17ItShips() throws IOException {
    List<String> lines = Files.readAllLines(SCHEDULE.resolve("dataproc-refresh-workflow.yaml"));
    List<String> archives = yamlList(lines, "archiveUris:");
    assertEquals(1, archives.size(), archives.toString());
    Map<String, String> properties = yamlMap(lines, "properties:");
    Map<String, String> java = new TreeMap<>(properties);
    java.keySet().retainAll(JAVA_17_KEYS);
    assertEquals(wrapperJava17(archives.get(0)), java);
  }

  @Test
  void airflowDataprocJobRunsOnTheJava17ItShips() throws IOException {
    String dag = Files.readString(SCHEDULE.resolve("airflow_pipeline_refresh.py"));
    Matcher archive = Pattern.compile("JDK_ARCHIVE = \"([^\"]+)\"").matcher(dag);
    assertTrue(archive.find(), "JDK_ARCHIVE");
    assertTrue(dag.contains("\"archive_uris\": [bucket + \"/\" + JDK_ARCHIVE]"), "the Dataproc job ships the JDK");
    assertTrue(dag.contains("\"properties\": DATAPROC_JAVA_17"), "the Dataproc job uses the Java 17 settings");
    Matcher block = Pattern.compile("DATAPROC_JAVA_17 = \\{(.*?)}", Pattern.DOTALL).matcher(dag);
    assertTrue(block.find(), "DATAPROC_JAVA_17");
    Map<String, String> java = new TreeMap<>();
    Matcher entry = Pattern.compile("\"([^\"]+)\": \"([^\"]+)\"").matcher(block.group(1));
    while (entry.find()) {
      java.put(entry.group(1), entry.group(2));
    }
    assertEquals(wrapperJava17("gs://bucket/" + archive.group(1)), java);
  }

  /** The index of the first line that is {@code key} once stripped; fails if there is none. */
  private static int lineOf(List<String> lines, String key) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(key)) {
        return i;
      }
    }
    throw new AssertionError("no " + key);
  }

  /** The {@code key: value} lines of the YAML block mapping under the line {@code key}; quotes dropped. */
  private static Map<String, String> yamlMap(List<String> lines, String key) {
    Map<String, String> map = new TreeMap<>();
    int at = lineOf(lines, key);
    int indent = lines.get(at).indexOf(key);
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      if (line.length() - line.stripLeading().length() <= indent) {
        break;
      }
      int colon = line.indexOf(": ");
      map.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip().replaceAll("^'(.*)'$", "$1"));
    }
    return map;
  }

  /** The items of the YAML block list under the line {@code key} (plain scalars, one per line). */
  private static List<String> yamlList(List<String> lines, String key) {
    List<String> items = new ArrayList<>();
    int at = lineOf(lines, key);
    for (int i = at + 1; i < lines.size() && lines.get(i).strip().startsWith("- "); i++) {
      items.add(lines.get(i).strip().substring(2));
    }
    return items;
  }

  @Test
  void cloudSchedulerInstantiatesTheWorkflowTemplateItImports() {
    ScriptRun run = ScriptRun.of("jobs/schedule/cloud-scheduler-dataproc.sh", "--dry-run", "--project", "p",
        "--region", "europe-west1", "--service-account", "refresh@p.iam.gserviceaccount.com",
        "--input", "gs://b/crawl/2026-11/");
    assertEquals(0, run.exitCode(), run.err());
    String[] commands = run.out().strip().split("\n");
    assertEquals(2, commands.length, run.out());
    List<String> importCmd = ShellWords.split(commands[0]);
    List<String> create = ShellWords.split(commands[1]);
    assertEquals(List.of("gcloud", "dataproc", "workflow-templates", "import", "pretrain-refresh"), importCmd.subList(0, 5));
    assertTrue(importCmd.contains("--source=" + SCHEDULE.resolve("dataproc-refresh-workflow.yaml")), importCmd.toString());
    assertEquals(List.of("gcloud", "scheduler", "jobs", "create", "http", "pretrain-refresh"), create.subList(0, 6));
    assertTrue(create.contains("--uri=https://dataproc.googleapis.com/v1/projects/p/regions/europe-west1"
        + "/workflowTemplates/pretrain-refresh:instantiate"), create.toString());
    assertTrue(create.contains("--message-body={\"parameters\":{\"INPUT\":\"gs://b/crawl/2026-11/\"}}"), create.toString());

    ScriptRun missing = ScriptRun.of("jobs/schedule/cloud-scheduler-dataproc.sh", "--dry-run", "--project", "p",
        "--region", "r");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("--service-account is required"), missing.err());
  }

  @Test
  void airflowDagRunsRefreshWithTheRealMainClassOnEmrAndDataproc() throws IOException {
    String dag = Files.readString(SCHEDULE.resolve("airflow_pipeline_refresh.py"));
    assertTrue(dag.contains("MAIN_CLASS = \"" + MAIN + "\""), "MAIN_CLASS");
    assertTrue(dag.contains("EmrAddStepsOperator(") && dag.contains("\"Jar\": \"command-runner.jar\""), "EMR step");
    assertTrue(dag.contains("\"--class\", MAIN_CLASS"), "the EMR step's spark-submit names the main class");
    assertTrue(dag.contains("DataprocSubmitJobOperator(") && dag.contains("\"main_class\": MAIN_CLASS"), "Dataproc job");
    // Both operators take their arguments from refresh_args(); its list is the command line.
    Matcher list = Pattern.compile("return \\[(\"refresh\".*?)]", Pattern.DOTALL).matcher(dag);
    assertTrue(list.find(), "refresh_args() returns the refresh command line");
    List<String> args = new ArrayList<>();
    for (String item : list.group(1).split(",")) {
      String s = item.strip();
      // String literals are the options; expressions (the paths) stand in as <expression>.
      args.add(s.matches("\"[^\"]*\"") ? s.substring(1, s.length() - 1) : "<" + s + ">");
    }
    assertValidRefresh(args, "airflow_pipeline_refresh.py");
    assertEquals(2, count(dag, "refresh_args("), "refresh_args is used by the EMR and the Dataproc DAG");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n - 1; // minus the definition
  }
}
