#!/usr/bin/env bash
# Submits a pipeline command to a Dataproc cluster: `gcloud dataproc jobs submit spark`. The jar
# and the config must be in Cloud Storage; YARN places --files in the driver's working directory
# (the driver runs in YARN, see "Java 17" below), where the job reads the config.
set -euo pipefail
prog=dataproc.sh
# shellcheck source=jobs/submit/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_text="Usage: $prog --cluster NAME --region REGION --jar gs://JAR --conf gs://FILE
       (--jdk-archive gs://ARCHIVE | --java-home DIR) [options] COMMAND [ARGS...]

Submits 'pipeline COMMAND ARGS' ($CLUSTER_COMMANDS) as a Dataproc Spark job.

  --cluster NAME          the Dataproc cluster
  --region REGION         its region (e.g. europe-west1)
  --project PROJECT       the Google Cloud project (default: gcloud's)
  --jar gs://JAR          the cluster jar, uploaded to Cloud Storage
  --conf gs://FILE        the job's HOCON config (conf/dataproc.conf uploaded); shipped with --files
  --properties-file FILE  spark-defaults style settings, passed as --properties
                          (default: conf/spark-defaults-dataproc.properties)
  --jdk-archive gs://ARCHIVE  a JDK 17 for Linux x64 as .tar.gz whose top directory is jdk-17
                          (docs/cluster.md, \"Java 17 on Dataproc\"); YARN unpacks it into every container
  --java-home DIR         the JDK 17 the driver and executors run on: inside --jdk-archive
                          (default ./ARCHIVE-NAME/jdk-17), or without it a JDK 17 directory that
                          exists on every node. Dataproc 2.2 images run Java 11, the jar needs 17
  --spark-conf K=V        one more Spark setting; repeatable
  --gpu                   data jobs: the RAPIDS Accelerator (adds the RAPIDS jar and the settings
                          of --gpu-conf); train: one task per GPU with ND4J's CUDA build (--jar
                          must be the -Pcuda cluster jar; settings of --gpu-conf)
                          (the cluster needs GPUs and their drivers, e.g. from Dataproc's GPU
                          initialization action)
  --gpu-conf FILE         HOCON file with the GPU settings (default: conf/trainer-gpu.conf for
                          train, conf/rapids-gpu.conf for the others)
  --rapids-jar gs://JAR|G:A:V  the RAPIDS jar, or Maven coordinates for spark.jars.packages
                          (default: com.nvidia:rapids-4-spark_2.12:25.04.0)
  --dry-run               print the gcloud command as one shell-quoted line instead of running it

Example:
  $prog --cluster pipeline --region europe-west1 --jar gs://bucket/jars/jobs-0.1.0-SNAPSHOT-cluster.jar \\
    --conf gs://bucket/conf/dataproc.conf --jdk-archive gs://bucket/jdk/jdk-17.tar.gz \\
    refresh --corpus gs://bucket/corpus --input gs://bucket/crawl/2026-11/"

cluster=""
region=""
project=""
jdk_archive=""
java_home=""
extra_option() {
  case "$1" in
    --cluster) cluster=$2 ;;
    --jdk-archive) jdk_archive=$2 ;;
    --java-home) java_home=$2 ;;
    --region) region=$2 ;;
    --project) project=$2 ;;
    *) return 1 ;;
  esac
}
parse_args "$@"
[[ -n "$cluster" ]] || die "--cluster is required (gcloud dataproc clusters list --region REGION)"
[[ -n "$region" ]] || die "--region is required"
require_scheme --jar "$jar" gs "upload it with gcloud storage cp"
require_scheme --conf "$conf" gs "upload it with gcloud storage cp"
require_cluster_paths "upload the data with gcloud storage cp" gs hdfs
properties_file=${properties_file:-$repo_home/conf/spark-defaults-dataproc.properties}

# Java 17. Dataproc 2.2 images run Spark on Java 11 and the jar is built for 17. Spark on YARN
# runs an application on another JDK when the ApplicationMaster and the executors get its
# JAVA_HOME through spark.yarn.appMasterEnv.JAVA_HOME and spark.executorEnv.JAVA_HOME, and that
# JDK may be shipped with --archives (Spark's "Running on YARN" guide, "Configuring different
# JDKs for Spark Applications", SPARK-48651). The driver must then run in the ApplicationMaster:
# Dataproc starts it in client mode on the master node, on the image's Java, unless
# spark.submit.deployMode is cluster.
if [[ -n "$jdk_archive" ]]; then
  require_scheme --jdk-archive "$jdk_archive" gs "upload it with gcloud storage cp"
  # YARN unpacks an archive into a directory named after the file (Spark's YARN client).
  java_home=${java_home:-./$(basename "$jdk_archive")/jdk-17}
  [[ "$java_home" == ./* ]] || die "--java-home '$java_home' must be a path inside --jdk-archive, like ./$(basename "$jdk_archive")/jdk-17"
elif [[ -z "$java_home" ]]; then
  die "the jar needs Java 17 and Dataproc 2.2 images run Java 11: give --jdk-archive gs://BUCKET/jdk/jdk-17.tar.gz (docs/cluster.md, \"Java 17 on Dataproc\") or --java-home DIR of a JDK 17 on every node"
elif [[ "$java_home" != /* ]]; then
  die "--java-home '$java_home' must be an absolute path on the nodes (or give --jdk-archive)"
fi

jars=$jar
add_settings properties_settings "$properties_file"
settings+=(spark.submit.deployMode=cluster
  "spark.yarn.appMasterEnv.JAVA_HOME=$java_home"
  "spark.executorEnv.JAVA_HOME=$java_home")
if ((gpu)) && gpu_training; then
  add_settings hocon_spark_conf_settings "$gpu_conf"
elif ((gpu)); then
  if rapids_is_coordinates; then
    settings+=("spark.jars.packages=$rapids_jar")
  else
    jars+=",$rapids_jar"
  fi
  add_settings hocon_spark_conf_settings "$gpu_conf"
fi
settings+=("${spark_confs[@]}")
dedupe_settings

# gcloud splits --properties on commas unless the value starts with ^DELIM^ (gcloud topic escaping).
properties=""
delimiter=","
for setting in "${settings[@]}"; do
  [[ "$setting" == *,* ]] && delimiter="#"
done
for setting in "${settings[@]}"; do
  [[ "$delimiter" == "#" && "$setting" == *#* ]] && die "setting '$setting' holds both ',' and '#'"
  properties+="${properties:+$delimiter}$setting"
done
[[ "$delimiter" == "#" ]] && properties="^#^$properties"

cmd=(gcloud dataproc jobs submit spark --cluster="$cluster" --region="$region")
[[ -n "$project" ]] && cmd+=(--project="$project")
cmd+=(--class="$MAIN_CLASS" --jars="$jars" --files="$conf")
[[ -n "$jdk_archive" ]] && cmd+=(--archives="$jdk_archive")
[[ -n "$properties" ]] && cmd+=(--properties="$properties")
cmd+=(-- "$command_name" "${command_args[@]}" --conf "$(conf_for_driver 1)")
run "${cmd[@]}"
