#!/usr/bin/env bash
# `make bench`: the performance figures of issue 7, measured on this machine
# against the emulator, with the provider built as a binary and run by the
# real CLI (scripts/local-provider.sh). Prints a table; never fails on a
# figure (BENCHMARKS.md records and explains them).
#
#   a. upload of a 1 GiB file (sparse, made in a temp dir) by `terraform
#      apply`: peak RSS of the provider process (VmHWM, polled) against
#      64 MiB, and wall time against `curl -F file=@…` to the same emulator
#      (target ≤ 1.25×). Measured with the default chunked upload and with one
#      streamed request (upload_chunk_threshold above the file size), which is
#      what curl does;
#   b. plan (refresh) of 1 dataset with 200 resources, and of 200 datasets,
#      20 ms emulator latency, default parallelism (10): API requests per
#      managed object (target ≤ 1) and wall time against
#      requests × latency / 10 (target within 1.5×);
#   c. apply of 100 datasets with 3 resources each (2 links, 1 file), same
#      latency, against the same ideal;
#   d. the Go benchmarks (go test -bench) of the hashing code.
#
# Wall times of b and c are the best of BENCH_REPEAT runs (default 3).
# BENCH_UPLOAD_SIZE (bytes, default 1 GiB), BENCH_REPEAT=1 and BENCH_SKIP_GO=1
# shorten a run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh
# shellcheck source=scripts/emulator.sh
. scripts/emulator.sh

upload_size=${BENCH_UPLOAD_SIZE:-1073741824}
size_label=$(awk "BEGIN { v = $upload_size / 1073741824; if (v == int(v)) printf \"%d GiB\", v; else printf \"%.1f MiB\", $upload_size / 1048576 }")
latency_ms=20
parallelism=10

work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-bench.XXXXXX")
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic.
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }

log "== building the provider and the emulator"
local_provider_setup "$work/provider"
start_emulator "$work/emulator"
base=$emulator_base key=$emulator_key admin_key=$emulator_admin_key
export DATAGOUV_BASE_URL=$base DATAGOUV_API_KEY=$key
log "emulator at $base (pid $emulator_pid)"

control() { # control METHOD PATH [BODY]
  curl -sS -f -X "$1" -H "X-API-KEY: $admin_key" -H 'Content-Type: application/json' ${3:+--data "$3"} "$base/_emulator/$2"
}
set_latency() { control POST faults "{\"rate\": 0, \"latency_ms\": $1}" >/dev/null; }
# requests: how many API requests the emulator answered so far.
requests() { control GET requests | grep -o '"method":' | wc -l; }

# tf DIR ARGS...: the CLI in DIR, quiet.
tf() {
  local dir=$1
  shift
  (cd "$dir" && "$TF" "$1" -input=false -no-color "${@:2}" >>"$dir/tf.log" 2>&1) || { tail -n 40 "$dir/tf.log" >&2; return 1; }
}
new_config() { # new_config NAME HCL → a directory, initialized
  local dir=$work/$1
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    datagouv = { source = "datagouv-community/datagouv" }
  }
}
$2
TF
  (cd "$dir" && "$TF" init -input=false -no-color >"$dir/tf.log" 2>&1) || { cat "$dir/tf.log" >&2; return 1; }
  echo "$dir"
}

# peak_rss_start FILE / peak_rss_stop: poll every provider process started
# from this run's mirror: FILE gets the highest VmHWM (kB), FILE.cpu the
# CPU time (user + system, clock ticks) each used, as last seen.
rss_poller=
peak_rss_start() {
  local out=$1
  : >"$out.cpu"
  (
    max=0
    declare -A ticks
    while :; do
      for pid in $(pgrep -f "terraform-provider-datagouv_v" || true); do
        exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
        case $exe in "$work"/*) ;; *) continue ;; esac
        v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [ -n "$v" ] && [ "$v" -gt "$max" ]; then max=$v; echo "$max" >"$out"; fi
        c=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)
        if [ -n "$c" ]; then
          ticks[$pid]=$c
          for p in "${!ticks[@]}"; do echo "${ticks[$p]}"; done >"$out.cpu"
        fi
      done
      sleep 0.02
    done
  ) &
  rss_poller=$!
}
# provider_cpu FILE: CPU seconds of the provider processes polled into FILE.cpu.
provider_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }' "$1.cpu"; }
peak_rss_stop() { kill "$rss_poller" 2>/dev/null || true; wait "$rss_poller" 2>/dev/null || true; }

# Wall times are the best of `repeat` runs: the machine may be busy.
repeat=${BENCH_REPEAT:-3}
# best_of N CMD...: the shortest wall time of N runs of CMD, in seconds.
best_of() {
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
# min_of N CMD...: the smallest of the numbers CMD prints in N runs.
min_of() {
  local n=$1 best='' v
  shift
  for _ in $(seq 1 "$n"); do
    v=$("$@")
    if [ -z "$best" ] || awk "BEGIN { exit !($v < $best) }"; then best=$v; fi
  done
  echo "$best"
}

rows=()
row() { rows+=("$(printf '| %-58s | %-22s | %-22s | %-6s |' "$1" "$2" "$3" "$4")"); }
verdict() { awk "BEGIN { exit !($1) }" && echo ok || echo MISS; }

# ---------------------------------------------------------------------------
log "== a. upload of $upload_size bytes"
set_latency 0
big=$work/files/big.csv
mkdir -p "$work/files"
truncate -s "$upload_size" "$big"

# curl: one multipart POST, as a user would upload by hand.
ds_id=$(curl -sS -f -H "X-API-KEY: $key" -H 'Content-Type: application/json' \
  --data '{"title": "bench curl", "description": "curl upload"}' "$base/api/1/datasets/" | jq -r .id)
t0=$(now)
curl -sS -f -H "X-API-KEY: $key" -F "file=@$big" "$base/api/1/datasets/$ds_id/upload/" >/dev/null
curl_s=$(calc "$(now) - $t0")
log "curl: ${curl_s}s"

upload_case() { # upload_case NAME PROVIDER_BLOCK
  local name=$1 provider=$2 dir rss_file t0 total apply_s rss_kb
  dir=$(new_config "upload-$name" "$provider
resource \"datagouv_dataset\" \"big\" {
  title       = \"bench upload $name\"
  description = \"1 GiB upload benchmark.\"
}
resource \"datagouv_resource\" \"big\" {
  dataset_id = datagouv_dataset.big.id
  title      = \"Big file\"
  file_path  = \"$big\"
}")
  # The dataset first, so that the timed apply is the upload alone (plan
  # included: it hashes the file, as every plan does).
  tf "$dir" apply -auto-approve -target=datagouv_dataset.big
  rss_file=$work/rss-$name
  echo 0 >"$rss_file"
  peak_rss_start "$rss_file"
  t0=$(now)
  tf "$dir" apply -auto-approve
  total=$(calc "$(now) - $t0")
  peak_rss_stop
  rss_kb=$(cat "$rss_file")
  # The same apply without the plan-time hash: terraform plan -out, then
  # apply of the saved plan (which still hashes once while uploading).
  tf "$dir" destroy -auto-approve -target=datagouv_resource.big
  tf "$dir" plan -out=tfplan
  t0=$(now)
  tf "$dir" apply tfplan
  apply_s=$(calc "$(now) - $t0")
  log "$name: apply ${total}s (saved plan ${apply_s}s), provider peak RSS ${rss_kb} kB"
  row "a. $size_label upload, $name: provider peak RSS" "$(calc "$rss_kb / 1024") MiB" "< 64 MiB" "$(verdict "$rss_kb < 65536")"
  row "a. $size_label upload, $name: terraform apply (plan + upload)" "${total}s ($(calc "$total / $curl_s")× curl)" "≤ 1.25× curl (${curl_s}s)" "$(verdict "$total <= 1.25 * $curl_s")"
  row "a. $size_label upload, $name: apply of a saved plan" "${apply_s}s ($(calc "$apply_s / $curl_s")× curl)" "≤ 1.25× curl (${curl_s}s)" "$(verdict "$apply_s <= 1.25 * $curl_s")"
  tf "$dir" destroy -auto-approve
}
upload_case "chunked (default)" ""
upload_case "one request" "provider \"datagouv\" {
  upload_chunk_threshold = $((upload_size * 2))
}"
rm -f "$big"

# ---------------------------------------------------------------------------
# refresh_case NAME OBJECTS HCL: apply without latency, then time a plan
# (which refreshes every object) with the latency on.
refresh_case() {
  local name=$1 objects=$2 hcl=$3 dir before t0 secs reqs ideal
  log "== b. plan (refresh) of $name"
  set_latency 0
  dir=$(new_config "refresh-$(echo "$name" | tr -c 'a-z0-9' '-')" "$hcl")
  tf "$dir" apply -auto-approve -parallelism=$parallelism
  # Without latency first: what the CLI and the provider cost by themselves.
  base_secs=$(best_of "$repeat" tf "$dir" plan -detailed-exitcode -parallelism=$parallelism)
  set_latency "$latency_ms"
  before=$(requests)
  tf "$dir" plan -detailed-exitcode -parallelism=$parallelism
  reqs=$(($(requests) - before))
  secs=$(best_of "$repeat" tf "$dir" plan -detailed-exitcode -parallelism=$parallelism)
  peak_rss_start "$work/cpu-plan"
  cpu_t0=$(now)
  tf "$dir" plan -detailed-exitcode -parallelism=$parallelism
  cpu_wall=$(calc "$(now) - $cpu_t0")
  peak_rss_stop
  cpu=$(provider_cpu "$work/cpu-plan")
  ideal=$(calc "$reqs * $latency_ms / 1000 / $parallelism")
  log "$name: ${secs}s (${base_secs}s without latency), $reqs requests for $objects objects"
  row "b. plan of $name: API requests per object" "$(calc "$reqs / $objects") ($reqs / $objects)" "≤ 1" "$(verdict "$reqs <= $objects")"
  row "b. plan of $name: wall time, ${latency_ms} ms latency" "${secs}s (ideal ${ideal}s: $(calc "$secs / $ideal")×)" "≤ 1.5× ideal" "$(verdict "$secs <= 1.5 * $ideal")"
  row "b. plan of $name: same, no latency (CLI + provider)" "${base_secs}s" "" ""
  row "b. plan of $name: provider CPU time (one plan)" "${cpu}s CPU in ${cpu_wall}s" "" ""
  row "b. plan of $name: latency's share (difference)" "$(calc "$secs - $base_secs")s ($(calc "($secs - $base_secs) / $ideal")× ideal)" "≤ 1.5× ideal" "$(verdict "$secs - $base_secs <= 1.5 * $ideal")"
  set_latency 0
  tf "$dir" destroy -auto-approve -parallelism=$parallelism
}

# shellcheck disable=SC2016 # HCL interpolations, not shell ones
refresh_case "1 dataset with 200 resources" 201 '
resource "datagouv_dataset" "d" {
  title       = "bench one dataset"
  description = "Refresh benchmark."
}
resource "datagouv_resource" "r" {
  count      = 200
  dataset_id = datagouv_dataset.d.id
  title      = "Link ${count.index}"
  url        = "https://example.org/bench/${count.index}.csv"
}'

# shellcheck disable=SC2016
refresh_case "200 datasets" 200 '
resource "datagouv_dataset" "d" {
  count       = 200
  title       = "bench dataset ${count.index}"
  description = "Refresh benchmark."
}'

# ---------------------------------------------------------------------------
log "== c. apply of 100 datasets with 3 resources each"
mkdir -p "$work/files/small"
for i in $(seq 0 99); do printf 'n,v\n%d,bench\n' "$i" >"$work/files/small/f$i.csv"; done
set_latency 0
dir=$(new_config apply-100 "
resource \"datagouv_dataset\" \"d\" {
  count       = 100
  title       = \"bench apply \${count.index}\"
  description = \"Apply benchmark.\"
}
resource \"datagouv_resource\" \"link\" {
  count      = 200
  dataset_id = datagouv_dataset.d[count.index % 100].id
  title      = \"Link \${count.index}\"
  url        = \"https://example.org/bench-apply/\${count.index}.csv\"
}
resource \"datagouv_resource\" \"file\" {
  count      = 100
  dataset_id = datagouv_dataset.d[count.index].id
  title      = \"File \${count.index}\"
  file_path  = \"$work/files/small/f\${count.index}.csv\"
}")
# Without latency first: what the CLI and the provider cost by themselves.
apply_then_destroy() {
  local t0 secs
  t0=$(now)
  tf "$dir" apply -auto-approve -parallelism=$parallelism
  secs=$(calc "$(now) - $t0")
  [ -z "${count_requests:-}" ] || echo $(($(requests) - before)) >"$work/apply-requests"
  set_latency 0
  tf "$dir" destroy -auto-approve -parallelism=$parallelism
  set_latency "$1"
  echo "$secs"
}
base_secs=$(min_of "$repeat" apply_then_destroy 0)
set_latency "$latency_ms"
before=$(requests)
peak_rss_start "$work/cpu-apply"
cpu_t0=$(now)
count_requests=1 apply_then_destroy "$latency_ms" >/dev/null
peak_rss_stop
cpu_wall=$(calc "$(now) - $cpu_t0")
cpu=$(provider_cpu "$work/cpu-apply")
reqs=$(cat "$work/apply-requests")
secs=$(min_of "$repeat" apply_then_destroy "$latency_ms")
ideal=$(calc "$reqs * $latency_ms / 1000 / $parallelism")
log "apply: ${secs}s (${base_secs}s without latency), $reqs requests"
row "c. apply of 100 datasets × 3 resources: requests" "$reqs ($(calc "$reqs / 400") per object)" "(for the ideal)" ""
row "c. apply of 100 datasets × 3 resources: wall time" "${secs}s (ideal ${ideal}s: $(calc "$secs / $ideal")×)" "≤ 1.5× ideal" "$(verdict "$secs <= 1.5 * $ideal")"
row "c. provider CPU time (one apply and its destroy)" "${cpu}s CPU in ${cpu_wall}s" "" ""
row "c. same, no latency (CLI + provider)" "${base_secs}s" "" ""
row "c. latency's share (difference)" "$(calc "$secs - $base_secs")s ($(calc "($secs - $base_secs) / $ideal")× ideal)" "≤ 1.5× ideal" "$(verdict "$secs - $base_secs <= 1.5 * $ideal")"
set_latency 0

# A plan of an empty configuration: the CLI's fixed cost, included in every
# wall time above.
dir=$(new_config empty 'data "datagouv_licenses" "all" {}')
t0=$(now)
tf "$dir" plan
row "CLI fixed cost: plan of one data source" "$(calc "$(now) - $t0")s" "" ""

# ---------------------------------------------------------------------------
echo
echo "Benchmarks on $(uname -sm), $(nproc) CPUs, $("$TF" version | head -n1), $(go version | cut -d' ' -f3)"
echo
printf '| %-58s | %-22s | %-22s | %-6s |\n' "figure" "measured" "target" ""
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..8})"
printf '%s\n' "${rows[@]}"

if [ -z "${BENCH_SKIP_GO:-}" ]; then
  echo
  echo "Go benchmarks:"
  (cd "$root" && go test -run '^$' -bench . -benchmem -benchtime 3x ./internal/provider/ ./internal/client/) | grep -E '^(Benchmark|ok|PASS|FAIL)'
fi
