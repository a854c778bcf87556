#!/usr/bin/env bash
# Submits a pipeline command with plain spark-submit: YARN, Spark standalone or Kubernetes.
# The config file is shipped with --files and the job reads it from its working directory.
set -euo pipefail
prog=spark-submit.sh
# shellcheck source=jobs/submit/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_text="Usage: $prog --jar JAR --conf FILE [options] COMMAND [ARGS...]

Submits 'pipeline COMMAND ARGS' ($CLUSTER_COMMANDS) with spark-submit.

  --jar JAR               the cluster jar (jobs/target/jobs-<version>-cluster.jar, or a URI)
  --conf FILE             the job's HOCON config; shipped with --files, passed to the job as --conf
  --master URL            yarn, spark://HOST:PORT, k8s://https://HOST:PORT or local[N] (default:
                          spark-submit's)
  --deploy-mode MODE      cluster or client; default cluster, but client with --master local[N],
                          where spark-submit accepts nothing else
  --properties-file FILE  spark-defaults style settings, passed as --conf flags so the cluster's
                          own spark-defaults.conf still applies (default: conf/spark-defaults.conf)
  --spark-conf K=V        one more Spark setting; repeatable
  --event-log-dir DIR     keep Spark's event log in DIR (an existing directory: hdfs:///spark-history,
                          s3a://bucket/spark-events, file:/tmp/spark-events) for the history server;
                          sets spark.eventLog.enabled and spark.eventLog.dir together. Default: no
                          event log beyond what the cluster's own spark-defaults.conf sets
  --gpu                   data jobs: the RAPIDS Accelerator (adds the RAPIDS jar and the settings
                          of --gpu-conf); train: one task per GPU with ND4J's CUDA build (--jar
                          must be the -Pcuda cluster jar; settings of --gpu-conf)
  --gpu-conf FILE         HOCON file with the GPU settings (default: conf/trainer-gpu.conf for
                          train, conf/rapids-gpu.conf for the others)
  --rapids-jar JAR|G:A:V  the RAPIDS jar, or Maven coordinates for --packages
                          (default: com.nvidia:rapids-4-spark_2.12:25.04.0)
  --spark-submit PATH     the spark-submit to run (default: \$SPARK_HOME/bin/spark-submit or PATH)
  --dry-run               print the command as one shell-quoted line instead of running it

Example:
  $prog --master yarn --jar jobs/target/jobs-0.1.0-SNAPSHOT-cluster.jar --conf conf/emr.conf \\
    refresh --corpus s3a://bucket/corpus --input s3a://bucket/crawl/2026-11/"

master=""
deploy_mode=""
spark_submit=""
event_log_dir=""
extra_option() {
  case "$1" in
    --master) master=$2 ;;
    --deploy-mode)
      [[ "$2" == cluster || "$2" == client ]] || die "--deploy-mode must be cluster or client, got '$2'"
      deploy_mode=$2 ;;
    --spark-submit) spark_submit=$2 ;;
    --event-log-dir) event_log_dir=$2 ;;
    *) return 1 ;;
  esac
}
parse_args "$@"

# spark-submit refuses cluster deploy mode with a local master ("Cluster deploy mode is not
# compatible with master local"): a local run is a client-mode run.
if [[ "$master" == local* ]]; then
  [[ "$deploy_mode" != cluster ]] || die "--deploy-mode cluster does not work with --master $master; leave it out (client)"
  deploy_mode=client
fi
deploy_mode=${deploy_mode:-cluster}

if [[ -z "$spark_submit" ]]; then
  spark_submit=${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit
fi
properties_file=${properties_file:-$repo_home/conf/spark-defaults.conf}

cmd=("$spark_submit" --class "$MAIN_CLASS" --name "pipeline $command_name")
[[ -n "$master" ]] && cmd+=(--master "$master")
cmd+=(--deploy-mode "$deploy_mode" --files "$conf")
if ((gpu)) && ! gpu_training; then
  if rapids_is_coordinates; then
    cmd+=(--packages "$rapids_jar")
  else
    cmd+=(--jars "$rapids_jar")
  fi
fi

add_settings properties_settings "$properties_file"
if ((gpu)); then
  add_settings hocon_spark_conf_settings "$gpu_conf"
fi
if [[ -n "$event_log_dir" ]]; then
  settings+=(spark.eventLog.enabled=true "spark.eventLog.dir=$event_log_dir")
fi
settings+=("${spark_confs[@]}")
dedupe_settings
# Spark writes the event log to spark.eventLog.dir, default file:/tmp/spark-events, and stops at
# start-up when that directory does not exist: the two are set together or not at all.
if [[ "$(setting_value spark.eventLog.enabled)" == true && -z "$(setting_value spark.eventLog.dir)" ]]; then
  die "spark.eventLog.enabled=true without spark.eventLog.dir (Spark would stop at start-up unless /tmp/spark-events exists); give --event-log-dir DIR instead"
fi
for setting in "${settings[@]}"; do
  cmd+=(--conf "$setting")
done
localised=0
[[ "$deploy_mode" == cluster ]] && localised=1
cmd+=("$jar" "$command_name" "${command_args[@]}" --conf "$(conf_for_driver "$localised")")
run "${cmd[@]}"
