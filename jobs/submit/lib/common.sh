# Shared by the submission wrappers in jobs/submit/: option parsing, checks, quoting, dry runs.
# Sourced, not run. Each wrapper sets `prog` and `usage_text`, may define `extra_option NAME VALUE`
# (returns 0 if it took the option), then calls `parse_args "$@"`.
# shellcheck shell=bash
# Checked alone, the variables it sets for the wrappers look unused and `prog`/`usage_text`
# (set by each wrapper) unassigned; `shellcheck -x jobs/submit/*.sh` checks them in use.
# shellcheck disable=SC2034,SC2154

readonly MAIN_CLASS=dev.pretrain.jobs.Pipeline
# The subcommands worth a cluster; sample and export run on one machine with bin/pipeline.
readonly CLUSTER_COMMANDS="curate train-tokenizer tokenize train refresh"
repo_home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

jar=""
conf=""
gpu=0
gpu_conf=""
rapids_jar="com.nvidia:rapids-4-spark_2.12:25.04.0"
dry_run=0
properties_file=""
spark_confs=()
settings=()
command_name=""
command_args=()

die() {
  echo "$prog: $*" >&2
  echo "Run '$prog --help' for the options." >&2
  exit 2
}

# One word, quoted for a POSIX shell only when it needs it, so a printed command can be pasted.
shell_quote() {
  local word=$1
  if [[ -n "$word" && "$word" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
    printf '%s' "$word"
  else
    printf "'%s'" "${word//\'/\'\\\'\'}"
  fi
}

# Runs a command, or with --dry-run prints it as one shell-quoted line and runs nothing.
run() {
  if ((dry_run)); then
    local line="" word
    for word in "$@"; do
      line+="${line:+ }$(shell_quote "$word")"
    done
    printf '%s\n' "$line"
  else
    exec "$@"
  fi
}

# A JSON string literal (the step and job-driver documents of the AWS CLI).
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\t'/\\t}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

json_array() {
  local out="" word
  for word in "$@"; do
    out+="${out:+,}$(json_string "$word")"
  done
  printf '[%s]' "$out"
}

need_value() {
  [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || die "$1 needs a value"
}

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) printf '%s\n' "$usage_text"; exit 0 ;;
      --jar) need_value "$@"; jar=$2; shift 2 ;;
      --conf) need_value "$@"; conf=$2; shift 2 ;;
      --gpu) gpu=1; shift ;;
      --gpu-conf) need_value "$@"; gpu_conf=$2; shift 2 ;;
      --rapids-jar) need_value "$@"; rapids_jar=$2; shift 2 ;;
      --properties-file) need_value "$@"; properties_file=$2; shift 2 ;;
      --spark-conf)
        need_value "$@"
        [[ "$2" == spark.*=* ]] || die "--spark-conf takes spark.KEY=VALUE, got '$2'"
        spark_confs+=("$2"); shift 2 ;;
      --dry-run) dry_run=1; shift ;;
      --*)
        if [[ $# -ge 2 ]] && declare -F extra_option >/dev/null && extra_option "$1" "$2"; then
          shift 2
        else
          die "unknown option $1"
        fi ;;
      *) command_name=$1; shift; command_args=("$@"); break ;;
    esac
  done
  [[ -n "$jar" ]] || die "--jar is required (the cluster jar, jobs/target/jobs-<version>-cluster.jar or its copy in object storage)"
  [[ -n "$conf" ]] || die "--conf is required (the job's HOCON config, e.g. conf/emr.conf)"
  [[ -n "$command_name" ]] || die "a pipeline command is required after the options: one of $CLUSTER_COMMANDS"
  check_command
  # --gpu means ND4J's CUDA build for training (one task per GPU, conf/trainer-gpu.conf, the -Pcuda
  # cluster jar) and the RAPIDS Accelerator for the data jobs (conf/rapids-gpu.conf).
  if [[ -z "$gpu_conf" ]]; then
    if gpu_training; then
      gpu_conf="$repo_home/conf/trainer-gpu.conf"
    else
      gpu_conf="$repo_home/conf/rapids-gpu.conf"
    fi
  fi
}

# True for `train --gpu`: GPUs used by the trainer itself, not by Spark SQL through RAPIDS.
gpu_training() {
  [[ "$command_name" == train ]]
}

has_arg() {
  local want=$1 arg
  for arg in "${command_args[@]}"; do
    [[ "$arg" == "$want" || "$arg" == "$want="* ]] && return 0
  done
  return 1
}

require_args() {
  local opt
  for opt in "$@"; do
    has_arg "$opt" || die "$command_name needs $opt (see: bin/pipeline $command_name --help)"
  done
}

# The same required options the command line enforces, checked before anything is submitted:
# a typo found on the cluster costs a cluster start-up.
check_command() {
  case " $CLUSTER_COMMANDS " in
    *" $command_name "*) ;;
    *) die "unknown or non-cluster command '$command_name'; one of: $CLUSTER_COMMANDS" ;;
  esac
  if has_arg --conf; then
    die "give the config file to the wrapper (--conf before the command), not to $command_name: the wrapper ships it"
  fi
  case "$command_name" in
    curate|train-tokenizer) require_args --input --output ;;
    tokenize) has_arg --verify || require_args --input --output ;;
    train) require_args --data --out ;;
    refresh) require_args --corpus --input ;;
  esac
}

# Where the job finds its config: the file name when the cluster localises it into the driver's
# working directory (--files, cluster deploy mode), else the path as given.
conf_for_driver() {
  local localised=$1
  if ((localised)); then
    basename "$conf"
  else
    printf '%s' "$conf"
  fi
}

# Adds the key=value lines a settings function prints to `settings`. Runs the function in a
# command substitution, not a pipe or process substitution, so that its die() stops the wrapper.
add_settings() {
  local text line
  text=$("$@") || exit $?
  while IFS= read -r line; do
    if [[ -n "$line" ]]; then
      settings+=("$line")
    fi
  done <<<"$text"
}

# Keeps one setting per key with the value given last, where the key first appeared: the GPU
# settings and --spark-conf override the properties file instead of following it as a second
# --conf for the same key (spark-submit would take the last, but the printed command would
# show both, and EMR Serverless and gcloud document no order at all).
dedupe_settings() {
  local -A value=()
  local -a keys=()
  local setting key
  for setting in "${settings[@]}"; do
    key=${setting%%=*}
    [[ -v "value[$key]" ]] || keys+=("$key")
    value[$key]=${setting#*=}
  done
  settings=()
  for key in "${keys[@]}"; do
    settings+=("$key=${value[$key]}")
  done
}

# The value of one key in `settings`, or nothing.
setting_value() {
  local want=$1 setting
  for setting in "${settings[@]}"; do
    if [[ "${setting%%=*}" == "$want" ]]; then
      printf '%s' "${setting#*=}"
    fi
  done
}

# `spark.key value` lines of a spark-defaults style properties file, as key=value.
properties_settings() {
  local file=$1 line key value
  [[ -e "$file" && ! -d "$file" ]] || die "properties file $file not found"
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    [[ -z "$line" || "$line" == \#* || "$line" == \!* ]] && continue
    if [[ "$line" =~ ^([^[:space:]=:]+)[[:space:]]*[=:[:space:]][[:space:]]*(.*)$ ]]; then
      key=${BASH_REMATCH[1]}
      value=${BASH_REMATCH[2]}
      value="${value%"${value##*[![:space:]]}"}"
      printf '%s=%s\n' "$key" "$value"
    else
      die "$file: cannot read line '$line' (expected 'spark.key value')"
    fi
  done <"$file"
}

# The Spark settings of a HOCON job config's `spark { conf { ... } }` block (conf/rapids-gpu.conf),
# as key=value: submit-time settings (GPU amounts, plugins, discovery script) must reach
# spark-submit itself. Understands the flat `key = value` form those files use and fails on
# anything else rather than guess.
hocon_spark_conf_settings() {
  local file=$1 line key value depth=0 in_conf=0
  [[ -f "$file" ]] || die "GPU settings $file not found (pass --gpu-conf FILE)"
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -z "$line" || "$line" == \#* || "$line" == //* ]] && continue
    if ((in_conf)); then
      if [[ "$line" == "}" ]]; then
        in_conf=0
        continue
      fi
      if [[ "$line" =~ ^\"?(spark\.[A-Za-z0-9._-]+)\"?[[:space:]]*[=:][[:space:]]*(.*)$ ]]; then
        key=${BASH_REMATCH[1]}
        value=${BASH_REMATCH[2]}
        value="${value%%[[:space:]]#*}"
        value="${value%"${value##*[![:space:]]}"}"
        if [[ "$value" =~ ^\"(.*)\"$ ]]; then
          value=${BASH_REMATCH[1]}
        fi
        printf '%s=%s\n' "$key" "$value"
      else
        die "$file: cannot read '$line' inside spark.conf (write it as \"spark.key\" = value on one line)"
      fi
    elif [[ "$line" =~ ^spark[[:space:]]*\{$ ]]; then
      depth=1
    elif [[ "$line" =~ ^spark\.conf[[:space:]]*\{$ ]] || { ((depth)) && [[ "$line" =~ ^conf[[:space:]]*\{$ ]]; }; then
      in_conf=1
    elif [[ "$line" == "}" ]]; then
      depth=0
    fi
  done <"$file"
}

# True if the RAPIDS jar is given as Maven coordinates (group:artifact:version), not a path or URI.
rapids_is_coordinates() {
  [[ "$rapids_jar" =~ ^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$ ]]
}

require_scheme() {
  local what=$1 value=$2 scheme=$3 hint=$4
  [[ "$value" == "$scheme"://* ]] || die "$what must be a $scheme:// URI on this platform, got '$value' ($hint)"
}

# The options of the cluster commands that name a file or directory (bin/pipeline COMMAND --help).
readonly PATH_OPTIONS="--input --output --tokenizer --data --out --corpus --against"

# Each value given to option $1 in the command's arguments, one a line (--opt V and --opt=V).
option_values() {
  local want=$1 i arg
  for ((i = 0; i < ${#command_args[@]}; i++)); do
    arg=${command_args[i]}
    if [[ "$arg" == "$want" ]] && ((i + 1 < ${#command_args[@]})); then
      printf '%s\n' "${command_args[i + 1]}"
    elif [[ "$arg" == "$want="* ]]; then
      printf '%s\n' "${arg#*=}"
    fi
  done
}

# Refuses a path option whose value is not on one of the given schemes: the driver and the
# executors run on cluster nodes, where /data/raw, a relative path or file:// names a disk of
# whichever node runs the task, so the input is not found there and the output is scattered
# over nodes and lost with them. `tiktoken:NAME` tokenizers are names, not paths.
require_cluster_paths() {
  local hint=$1 opt value scheme allowed
  shift
  local shown="" i
  for ((i = 1; i <= $#; i++)); do
    shown+="${!i}://"
    if ((i == $# - 1)); then
      shown+=" or "
    elif ((i < $# - 1)); then
      shown+=", "
    fi
  done
  for opt in $PATH_OPTIONS; do
    while IFS= read -r value; do
      [[ "$opt" == --tokenizer && "$value" == tiktoken:* ]] && continue
      allowed=0
      for scheme in "$@"; do
        if [[ "$value" == "$scheme"://* ]]; then
          allowed=1
        fi
      done
      ((allowed)) || die "$command_name $opt '$value' is a local path; a cluster job needs $shown ($hint)"
    done < <(option_values "$opt")
  done
}
