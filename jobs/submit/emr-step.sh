#!/usr/bin/env bash
# Submits a pipeline command as a step of a running EMR cluster: `aws emr add-steps` with
# command-runner.jar running spark-submit in cluster deploy mode. The jar and the config must be
# in S3; YARN localises the config (--files) into the driver's working directory.
set -euo pipefail
prog=emr-step.sh
# shellcheck source=jobs/submit/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_text="Usage: $prog --cluster-id ID --jar s3://JAR --conf s3://FILE [options] COMMAND [ARGS...]

Adds 'pipeline COMMAND ARGS' ($CLUSTER_COMMANDS) as an EMR step.

  --cluster-id ID         the EMR cluster (j-...)
  --jar s3://JAR          the cluster jar, uploaded to S3
  --conf s3://FILE        the job's HOCON config (conf/emr.conf uploaded); shipped with --files
  --properties-file FILE  spark-defaults style settings, passed as --conf flags on top of the
                          cluster's own (default: conf/spark-defaults-emr.properties)
  --spark-conf K=V        one more Spark setting; repeatable
  --action-on-failure A   CONTINUE (default), CANCEL_AND_WAIT or TERMINATE_CLUSTER
  --region REGION         AWS region (default: the AWS CLI's)
  --gpu                   train: one task per GPU with ND4J's CUDA build (--jar must be the
                          -Pcuda cluster jar; settings of conf/trainer-gpu.conf, or --gpu-conf).
                          Data jobs: EMR's own RAPIDS build: the cluster must have been created with
                          jobs/submit/emr-gpu-configurations.json (enableSparkRapids); adds the
                          plugin and GPU resource settings EMR documents
  --dry-run               print the aws command as one shell-quoted line instead of running it

Example:
  $prog --cluster-id j-2AXXXXXXGAPLF --jar s3://bucket/jars/jobs-0.1.0-SNAPSHOT-cluster.jar \\
    --conf s3://bucket/conf/emr.conf refresh --corpus s3://bucket/corpus --input s3://bucket/crawl/2026-11/"

cluster_id=""
action_on_failure=CONTINUE
region=""
extra_option() {
  case "$1" in
    --cluster-id) cluster_id=$2 ;;
    --action-on-failure)
      case "$2" in CONTINUE|CANCEL_AND_WAIT|TERMINATE_CLUSTER) ;; *)
        die "--action-on-failure must be CONTINUE, CANCEL_AND_WAIT or TERMINATE_CLUSTER, got '$2'" ;;
      esac
      action_on_failure=$2 ;;
    --region) region=$2 ;;
    *) return 1 ;;
  esac
}
parse_args "$@"
[[ -n "$cluster_id" ]] || die "--cluster-id is required (aws emr list-clusters --active)"
require_scheme --jar "$jar" s3 "upload it with aws s3 cp"
require_scheme --conf "$conf" s3 "upload it with aws s3 cp"
require_cluster_paths "upload the data with aws s3 cp" s3 s3a hdfs
properties_file=${properties_file:-$repo_home/conf/spark-defaults-emr.properties}

add_settings properties_settings "$properties_file"
if ((gpu)) && gpu_training; then
  # Training: ND4J's CUDA build in the jar (build it with -Pcuda), one task per GPU.
  add_settings hocon_spark_conf_settings "$gpu_conf"
elif ((gpu)); then
  # EMR's RAPIDS build is on the cluster's classpath once enableSparkRapids is set; only the
  # per-application settings are added here (values from EMR's RAPIDS documentation).
  settings+=(spark.plugins=com.nvidia.spark.SQLPlugin
    spark.executor.resource.gpu.amount=1
    spark.executor.resource.gpu.discoveryScript=/usr/lib/spark/scripts/gpu/getGpusResources.sh)
fi
settings+=("${spark_confs[@]}")
dedupe_settings

args=(spark-submit --deploy-mode cluster --class "$MAIN_CLASS" --name "pipeline $command_name" --files "$conf")
for setting in "${settings[@]}"; do
  args+=(--conf "$setting")
done
args+=("$jar" "$command_name" "${command_args[@]}" --conf "$(conf_for_driver 1)")

step="[{\"Type\":\"CUSTOM_JAR\",\"Name\":$(json_string "pipeline $command_name"),\"ActionOnFailure\":\"$action_on_failure\",\"Jar\":\"command-runner.jar\",\"Args\":$(json_array "${args[@]}")}]"
cmd=(aws emr add-steps)
[[ -n "$region" ]] && cmd+=(--region "$region")
cmd+=(--cluster-id "$cluster_id" --steps "$step")
run "${cmd[@]}"
