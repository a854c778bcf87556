package dev.pretrain.bench.tokenize;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Wall time of a run's Spark jobs grouped by phase: the job description the code set
 * ({@code setJobDescription}), or else the action's call site ("count at TokenizeJob.java:86"), so the
 * same listener times any version of a job. Time outside jobs is the driver's.
 */
final class JobTimes extends SparkListener {
  private final Map<Integer, String> labels = new ConcurrentHashMap<>();
  private final Map<Integer, Long> starts = new ConcurrentHashMap<>();
  private final Map<String, Long> millis = new ConcurrentHashMap<>();
  private final Map<String, Integer> firstSeen = new ConcurrentHashMap<>();

  static JobTimes attach(SparkSession spark) {
    JobTimes times = new JobTimes();
    spark.sparkContext().addSparkListener(times);
    return times;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties p = start.properties();
    String label = p == null ? null : p.getProperty("spark.job.description");
    if (label == null) { // the result stage's name is the action's call site
      label = JavaConverters.seqAsJavaList(start.stageInfos()).stream()
          .max(Comparator.comparingInt(StageInfo::stageId)).map(StageInfo::name).orElse("job " + start.jobId());
    }
    labels.put(start.jobId(), label);
    starts.put(start.jobId(), start.time());
    firstSeen.putIfAbsent(label, firstSeen.size());
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Long started = starts.get(end.jobId());
    if (started != null) {
      millis.merge(labels.get(end.jobId()), end.time() - started, Long::sum);
      starts.remove(end.jobId());
    }
  }

  /** True while a Spark job is running (started and not yet reported ended). */
  boolean anyJobRunning() {
    return !starts.isEmpty();
  }

  /** Waits (briefly) for the listener bus to deliver every job end, then returns seconds per phase, in first-run order. */
  Map<String, Double> drain() throws InterruptedException {
    for (int i = 0; i < 100 && !starts.isEmpty(); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(200);
    Map<String, Double> out = new LinkedHashMap<>();
    firstSeen.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> out.put(e.getKey(), millis.getOrDefault(e.getKey(), 0L) / 1e3));
    labels.clear();
    millis.clear();
    firstSeen.clear();
    return out;
  }
}
