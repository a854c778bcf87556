#!/usr/bin/env bash
# Schedules the Dataproc refresh workflow (dataproc-refresh-workflow.yaml) with Cloud Scheduler:
# imports the template, then creates an HTTP job that instantiates it through the Dataproc API
# with an OAuth token of the given service account (which needs roles/dataproc.editor).
set -euo pipefail
prog=cloud-scheduler-dataproc.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=jobs/submit/lib/common.sh
source "$here/../submit/lib/common.sh"

usage_text="Usage: $prog --project PROJECT --region REGION --service-account EMAIL [options]

  --project PROJECT        the Google Cloud project
  --region REGION          the Dataproc region (and the scheduler's location)
  --service-account EMAIL  the identity Cloud Scheduler calls Dataproc as
  --schedule CRON          when (default: '0 3 * * 1', Mondays 03:00)
  --time-zone TZ           the schedule's time zone (default: Etc/UTC)
  --template FILE          the workflow template (default: dataproc-refresh-workflow.yaml beside this)
  --input gs://PREFIX      the snapshot each run adds (default: the template's crawl/latest/)
  --dry-run                print the two gcloud commands, one per line, instead of running them"

project=""
region=""
service_account=""
schedule="0 3 * * 1"
time_zone="Etc/UTC"
template="$here/dataproc-refresh-workflow.yaml"
input=""
template_id=pretrain-refresh
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) printf '%s\n' "$usage_text"; exit 0 ;;
    --project) need_value "$@"; project=$2; shift 2 ;;
    --region) need_value "$@"; region=$2; shift 2 ;;
    --service-account) need_value "$@"; service_account=$2; shift 2 ;;
    --schedule) need_value "$@"; schedule=$2; shift 2 ;;
    --time-zone) need_value "$@"; time_zone=$2; shift 2 ;;
    --template) need_value "$@"; template=$2; shift 2 ;;
    --input) need_value "$@"; input=$2; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -n "$project" ]] || die "--project is required"
[[ -n "$region" ]] || die "--region is required"
[[ -n "$service_account" ]] || die "--service-account is required (it needs roles/dataproc.editor)"
[[ -f "$template" ]] || die "workflow template $template not found"
[[ -z "$input" ]] || require_scheme --input "$input" gs "a Cloud Storage prefix"

body='{}'
if [[ -n "$input" ]]; then
  body="{\"parameters\":{\"INPUT\":$(json_string "$input")}}"
fi
import=(gcloud dataproc workflow-templates import "$template_id" --project="$project" --region="$region"
  --source="$template" --quiet)
create=(gcloud scheduler jobs create http "$template_id" --project="$project" --location="$region"
  --schedule="$schedule" --time-zone="$time_zone" --http-method=POST
  --uri="https://dataproc.googleapis.com/v1/projects/$project/regions/$region/workflowTemplates/$template_id:instantiate"
  --headers=Content-Type=application/json --message-body="$body"
  --oauth-service-account-email="$service_account"
  --oauth-token-scope=https://www.googleapis.com/auth/cloud-platform)
if ((dry_run)); then
  run "${import[@]}"
  run "${create[@]}"
else
  "${import[@]}"
  exec "${create[@]}"
fi
