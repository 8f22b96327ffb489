#!/usr/bin/env bash
# Refresh benchmark of issue 12, item 1 (called by scripts/bench.sh, or run
# alone): at 100 ms of emulator latency, `terraform plan` of a configuration
# against `terraform plan -refresh=false` of the same configuration in the
# same run (target ≤ 1.2×), and the API requests of the plan (target: one
# read per dataset plus a few reference reads, whatever the number of files).
# The resources are files (file_path, small local files, as in the issue),
# so that the plan also hashes them (through the file hash cache, fresh for
# the run: the first plan is cold).
#
# To tell where the time goes, each case also reports the CPU time of one
# plan and of one plan -refresh=false: the provider's (polled from /proc)
# and the rest (the CLI: user + system time of the command and its children,
# minus the provider's).
#
#   BENCH_ONE_FILES      files of the one-dataset case (default 500)
#   BENCH_MANY_DATASETS  datasets of the many-datasets case (default 50)
#   BENCH_MANY_FILES     files per dataset of that case (default 10)
#   BENCH_REFRESH_KIND   files (default) or links (url resources, no hashing)
#   BENCH_REPEAT         wall times are the best of this many plans (default 3)
#   BENCH_PROVIDER_LOGS  trace: the plugin libraries log at their default level
#                        (trace), which the CLI drops, as before log_levels.go
#                        turned them off; to measure what that costs
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

one_files=${BENCH_ONE_FILES:-500}
many_datasets=${BENCH_MANY_DATASETS:-50}
many_files=${BENCH_MANY_FILES:-10}
kind=${BENCH_REFRESH_KIND:-files}
latency_ms=100

bench_init refresh
if [ "${BENCH_PROVIDER_LOGS:-}" = trace ]; then
  # Levels set explicitly are kept by the provider (log_levels.go); the CLI
  # still drops these logs, TF_LOG being unset.
  export TF_LOG_SDK=trace TF_LOG_SDK_PROTO=trace TF_LOG_SDK_FRAMEWORK=trace TF_LOG_PROVIDER_DATAGOUV=trace
  log "provider logs at trace level (dropped by the CLI)"
fi

# cpu_of DIR ARGS…: runs tf DIR ARGS… watched; prints "total provider" CPU
# seconds (total: the command and all its children).
cpu_of() {
  local dir=$1 t
  shift
  t=$work/time.out
  proc_watch_start "$work/cpu"
  (cd "$dir" && /usr/bin/time -f '%U %S' -o "$t" "$TF" "$1" -input=false -no-color "${@:2}" >>"$dir/tf.log" 2>&1) || [ $? = 2 ]
  proc_watch_stop
  echo "$(awk '{ printf "%.2f", $1 + $2 }' "$t") $(provider_cpu "$work/cpu")"
}

# The two plans compared, in the case's $dir.
plan_refreshing() { tf "$dir" plan -detailed-exitcode -parallelism=$parallelism; }
plan_not_refreshing() { tf "$dir" plan -refresh=false -detailed-exitcode -parallelism=$parallelism; }

# refresh_case NAME DATASETS FILES_PER_DATASET: apply without latency, then
# plan and plan -refresh=false with it, best of $repeat each.
refresh_case() {
  local name=$1 datasets=$2 files=$3 dir before reqs norefresh_reqs secs nr cold cpu cpu_nr body i
  log "== plan of $name, ${latency_ms} ms latency"
  dir=$work/$(echo "$name" | tr -c 'a-z0-9' '-')
  mkdir -p "$dir/files"
  if [ "$kind" = files ]; then
    for i in $(seq 0 $((datasets * files - 1))); do printf 'n,v\n%d,bench\n' "$i" >"$dir/files/f$i.csv"; done
    # shellcheck disable=SC2016 # HCL interpolation
    body='file_path  = "${path.module}/files/f${count.index}.csv"'
  else
    # shellcheck disable=SC2016
    body='url        = "https://example.org/bench/${count.index}.csv"'
  fi
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    datagouv = { source = "datagouv-community/datagouv" }
  }
}
resource "datagouv_dataset" "d" {
  count       = $datasets
  title       = "bench refresh \${count.index}"
  description = "Refresh benchmark."
}
resource "datagouv_resource" "r" {
  count      = $((datasets * files))
  dataset_id = datagouv_dataset.d[floor(count.index / $files)].id
  title      = "File \${count.index}"
  $body
}
TF
  (cd "$dir" && "$TF" init -input=false -no-color >"$dir/tf.log" 2>&1)
  set_latency 0
  tf "$dir" apply -auto-approve -parallelism=$parallelism
  # The files were hashed within the racy window of their writing: forget
  # it, then wait until they are old enough to be remembered.
  rm -rf "$DATAGOUV_FILE_HASH_CACHE"
  sleep 2.5
  set_latency "$latency_ms"
  sync
  before=$(requests)
  timed cold tf "$dir" plan -detailed-exitcode -parallelism=$parallelism
  reqs=$(($(requests) - before))
  before=$(requests)
  tf "$dir" plan -refresh=false -detailed-exitcode -parallelism=$parallelism
  norefresh_reqs=$(($(requests) - before))
  read -r secs nr < <(best_of_two "$repeat" plan_refreshing plan_not_refreshing)
  read -r cpu cpu_p < <(cpu_of "$dir" plan -detailed-exitcode -parallelism=$parallelism)
  read -r cpu_nr cpu_nr_p < <(cpu_of "$dir" plan -refresh=false -detailed-exitcode -parallelism=$parallelism)
  log "$name: plan ${secs}s ($reqs requests; cold ${cold}s), plan -refresh=false ${nr}s ($norefresh_reqs requests)"
  row "1. plan of $name: API requests" "$reqs (-refresh=false: $norefresh_reqs)" "≤ $datasets + -refresh=false's + 3" "$(verdict "$reqs <= $datasets + $norefresh_reqs + 3")"
  row "1. plan of $name: wall, ${latency_ms} ms latency" "${secs}s ($(calc "$secs / $nr")×)" "≤ 1.2× -refresh=false (${nr}s)" "$(verdict "$secs <= 1.2 * $nr")"
  row "1. plan of $name: first (cold hash cache) plan" "${cold}s ($(calc "$cold / $nr")×)" "" ""
  row "1. plan of $name: CPU, plan (provider / CLI)" "${cpu}s (${cpu_p}s / $(calc "$cpu - $cpu_p")s)" "" ""
  row "1. plan of $name: CPU, -refresh=false (provider / CLI)" "${cpu_nr}s (${cpu_nr_p}s / $(calc "$cpu_nr - $cpu_nr_p")s)" "" ""
  set_latency 0
  tf "$dir" destroy -auto-approve -parallelism=$parallelism
}

refresh_case "1 dataset × $one_files $kind" 1 "$one_files"
refresh_case "$many_datasets datasets × $many_files $kind" "$many_datasets" "$many_files"
