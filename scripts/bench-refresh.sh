#!/usr/bin/env bash
# Refresh benchmark of issue 12, item 1 (called by scripts/bench.sh, or run
# alone): at 100 ms of emulator latency, `terraform plan` of a configuration
# against `terraform plan -refresh=false` of the same configuration in the
# same run (target ≤ 1.2×), and the API requests of the plan (target: one
# read per dataset plus a few reference reads, whatever the number of files).
#
#   BENCH_ONE_FILES      files of the one-dataset case (default 500)
#   BENCH_MANY_DATASETS  datasets of the many-datasets case (default 50)
#   BENCH_MANY_FILES     files per dataset of that case (default 10)
#   BENCH_REPEAT         wall times are the best of this many plans (default 3)
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh
# shellcheck source=scripts/emulator.sh
. scripts/emulator.sh

one_files=${BENCH_ONE_FILES:-500}
many_datasets=${BENCH_MANY_DATASETS:-50}
many_files=${BENCH_MANY_FILES:-10}
repeat=${BENCH_REPEAT:-3}
latency_ms=100
parallelism=10

work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-bench-refresh.XXXXXX")
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

local_provider_setup "$work/provider"
start_emulator "$work/emulator"
export DATAGOUV_BASE_URL=$emulator_base DATAGOUV_API_KEY=$emulator_key
control() { # control METHOD PATH [BODY]
  curl -sS -f -X "$1" -H "X-API-KEY: $emulator_admin_key" -H 'Content-Type: application/json' ${3:+--data "$3"} "$emulator_base/_emulator/$2"
}
set_latency() { control POST faults "{\"rate\": 0, \"latency_ms\": $1}" >/dev/null; }
requests() { control GET requests | grep -o '"method":' | wc -l; }
tf() { # tf DIR ARGS...
  local dir=$1
  shift
  (cd "$dir" && "$TF" "$1" -input=false -no-color "${@:2}" >>"$dir/tf.log" 2>&1) || { tail -n 40 "$dir/tf.log" >&2; return 1; }
}
best_of() { # best_of N CMD...: the shortest wall time of N runs, in seconds
  local n=$1 best='' t0 secs
  shift
  for _ in $(seq 1 "$n"); do
    t0=$(now)
    "$@"
    secs=$(calc "$(now) - $t0")
    if [ -z "$best" ] || awk "BEGIN { exit !($secs < $best) }"; then best=$secs; fi
  done
  echo "$best"
}
row() { printf '| %-58s | %-22s | %-22s | %-6s |\n' "$1" "$2" "$3" "$4"; }
verdict() { awk "BEGIN { exit !($1) }" && echo ok || echo MISS; }

# refresh_case NAME DATASETS FILES_PER_DATASET: apply without latency, then
# plan and plan -refresh=false with it, alternately, best of $repeat each.
refresh_case() {
  local name=$1 datasets=$2 files=$3 dir before reqs norefresh_reqs secs base
  log "== plan of $name, ${latency_ms} ms latency"
  dir=$work/$(echo "$name" | tr -c 'a-z0-9' '-')
  mkdir -p "$dir"
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
  title      = "Link \${count.index}"
  url        = "https://example.org/bench/\${count.index}.csv"
}
TF
  (cd "$dir" && "$TF" init -input=false -no-color >"$dir/tf.log" 2>&1)
  set_latency 0
  tf "$dir" apply -auto-approve -parallelism=$parallelism
  set_latency "$latency_ms"
  before=$(requests)
  tf "$dir" plan -detailed-exitcode -parallelism=$parallelism
  reqs=$(($(requests) - before))
  before=$(requests)
  tf "$dir" plan -refresh=false -detailed-exitcode -parallelism=$parallelism
  norefresh_reqs=$(($(requests) - before))
  secs=$(best_of "$repeat" tf "$dir" plan -detailed-exitcode -parallelism=$parallelism)
  base=$(best_of "$repeat" tf "$dir" plan -refresh=false -detailed-exitcode -parallelism=$parallelism)
  log "$name: plan ${secs}s ($reqs requests), plan -refresh=false ${base}s ($norefresh_reqs requests)"
  row "plan of $name: requests" "$reqs (-refresh=false: $norefresh_reqs)" "≤ $datasets + -refresh=false's" "$(verdict "$reqs <= $datasets + $norefresh_reqs + 3")"
  row "plan of $name: wall, ${latency_ms} ms latency" "${secs}s ($(calc "$secs / $base")×)" "≤ 1.2× -refresh=false (${base}s)" "$(verdict "$secs <= 1.2 * $base")"
  set_latency 0
  tf "$dir" destroy -auto-approve -parallelism=$parallelism
}

refresh_case "1 dataset × $one_files files" 1 "$one_files"
refresh_case "$many_datasets datasets × $many_files files" "$many_datasets" "$many_files"
