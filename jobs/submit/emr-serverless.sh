#!/usr/bin/env bash
# Submits a pipeline command as an EMR Serverless job run (`aws emr-serverless start-job-run`).
# The jar and the config must be in S3. The job reads the config straight from S3 through EMRFS:
# unlike YARN, the service documents no working directory that --files lands in.
set -euo pipefail
prog=emr-serverless.sh
# shellcheck source=jobs/submit/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage_text="Usage: $prog --application-id ID --execution-role-arn ARN --jar s3://JAR --conf s3://FILE [options] COMMAND [ARGS...]

Starts 'pipeline COMMAND ARGS' ($CLUSTER_COMMANDS) on an EMR Serverless Spark application.

  --application-id ID       the EMR Serverless application (release emr-7.x)
  --execution-role-arn ARN  the job's IAM role; S3 access comes from it, never from a file
  --jar s3://JAR            the cluster jar, uploaded to S3
  --conf s3://FILE          the job's HOCON config (conf/emr.conf uploaded); the job reads it from S3
  --properties-file FILE    spark-defaults style settings for sparkSubmitParameters
                            (default: conf/spark-defaults-emr-serverless.properties)
  --spark-conf K=V          one more Spark setting; repeatable
  --log-uri s3://PREFIX     where the driver and executor logs go
  --region REGION           AWS region (default: the AWS CLI's)
  --dry-run                 print the aws command as one shell-quoted line instead of running it

There is no --gpu here: EMR Serverless has no GPU workers; use emr-step.sh --gpu on an EMR
cluster with GPU nodes.

Example:
  $prog --application-id 00fabcdexample --execution-role-arn arn:aws:iam::123456789012:role/pipeline \\
    --jar s3://bucket/jars/jobs-0.1.0-SNAPSHOT-cluster.jar --conf s3://bucket/conf/emr.conf \\
    refresh --corpus s3://bucket/corpus --input s3://bucket/crawl/2026-11/"

application_id=""
role_arn=""
log_uri=""
region=""
extra_option() {
  case "$1" in
    --application-id) application_id=$2 ;;
    --execution-role-arn) role_arn=$2 ;;
    --log-uri) log_uri=$2 ;;
    --region) region=$2 ;;
    *) return 1 ;;
  esac
}
parse_args "$@"
((gpu)) && die "--gpu: EMR Serverless has no GPU workers; use emr-step.sh --gpu on an EMR cluster with GPU nodes"
[[ -n "$application_id" ]] || die "--application-id is required (aws emr-serverless list-applications)"
[[ -n "$role_arn" ]] || die "--execution-role-arn is required (the job's IAM role)"
require_scheme --jar "$jar" s3 "upload it with aws s3 cp"
require_scheme --conf "$conf" s3 "upload it with aws s3 cp"
[[ -z "$log_uri" ]] || require_scheme --log-uri "$log_uri" s3 "an S3 prefix for the logs"
require_cluster_paths "upload the data with aws s3 cp" s3 s3a
properties_file=${properties_file:-$repo_home/conf/spark-defaults-emr-serverless.properties}

add_settings properties_settings "$properties_file"
settings+=("${spark_confs[@]}")
dedupe_settings
# sparkSubmitParameters is one string split on spaces by the service: no value may hold one.
submit_params=(--class "$MAIN_CLASS")
for setting in "${settings[@]}"; do
  [[ "$setting" != *[[:space:]]* ]] || die "'$setting' holds a space, which sparkSubmitParameters cannot carry"
  submit_params+=(--conf "$setting")
done

entry_args=("$command_name" "${command_args[@]}" --conf "$(conf_for_driver 0)")
job_driver="{\"sparkSubmit\":{\"entryPoint\":$(json_string "$jar"),\"entryPointArguments\":$(json_array "${entry_args[@]}"),\"sparkSubmitParameters\":$(json_string "${submit_params[*]}")}}"
cmd=(aws emr-serverless start-job-run)
[[ -n "$region" ]] && cmd+=(--region "$region")
cmd+=(--application-id "$application_id" --execution-role-arn "$role_arn" --name "pipeline $command_name"
  --job-driver "$job_driver")
if [[ -n "$log_uri" ]]; then
  cmd+=(--configuration-overrides
    "{\"monitoringConfiguration\":{\"s3MonitoringConfiguration\":{\"logUri\":$(json_string "$log_uri")}}}")
fi
run "${cmd[@]}"
