#!/usr/bin/env bash
# Submits a pipeline command to a Dataproc cluster: `gcloud dataproc jobs submit spark`. The jar
# and the config must be in Cloud Storage; Dataproc places --files in the driver's working
# directory, where the job reads the config.
set -euo pipefail
prog=dataproc.sh
# shellcheck source=jobs/submit/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_text="Usage: $prog --cluster NAME --region REGION --jar gs://JAR --conf gs://FILE [options] COMMAND [ARGS...]

Submits 'pipeline COMMAND ARGS' ($CLUSTER_COMMANDS) as a Dataproc Spark job.

  --cluster NAME          the Dataproc cluster
  --region REGION         its region (e.g. europe-west1)
  --project PROJECT       the Google Cloud project (default: gcloud's)
  --jar gs://JAR          the cluster jar, uploaded to Cloud Storage
  --conf gs://FILE        the job's HOCON config (conf/dataproc.conf uploaded); shipped with --files
  --properties-file FILE  spark-defaults style settings, passed as --properties
                          (default: conf/spark-defaults-dataproc.properties)
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
    --conf gs://bucket/conf/dataproc.conf refresh --corpus gs://bucket/corpus --input gs://bucket/crawl/2026-11/"

cluster=""
region=""
project=""
extra_option() {
  case "$1" in
    --cluster) cluster=$2 ;;
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
properties_file=${properties_file:-$repo_home/conf/spark-defaults-dataproc.properties}

jars=$jar
settings=()
append_settings settings "" properties_settings "$properties_file"
if ((gpu)) && gpu_training; then
  append_settings settings "" hocon_spark_conf_settings "$gpu_conf"
elif ((gpu)); then
  if rapids_is_coordinates; then
    settings+=("spark.jars.packages=$rapids_jar")
  else
    jars+=",$rapids_jar"
  fi
  append_settings settings "" hocon_spark_conf_settings "$gpu_conf"
fi
settings+=("${spark_confs[@]}")

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
[[ -n "$properties" ]] && cmd+=(--properties="$properties")
cmd+=(-- "$command_name" "${command_args[@]}" --conf "$(conf_for_driver 1)")
run "${cmd[@]}"
