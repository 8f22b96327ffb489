#!/usr/bin/env bash
# Catalogues of thousands (issue 22, item 2; called by scripts/bench.sh, or
# run alone): for each size N, a configuration of N/4 datasets × 4 links
# (datagouv_dataset and datagouv_resource with a url: no file to hash) on
# the emulator, and the same graph with HashiCorp's random provider in the
# same run, the floor of the framework and the CLI (random_id per dataset,
# random_password per link, keepers tying each link to its dataset's id as
# dataset_id does). And the schema floor (cmd/datagouv-schema-floor): our
# own schemas served from memory, Read a no-op, no request, planning the
# state our apply made (random's objects have half as many attributes, and
# the framework's work per object grows with them). For each: `apply` from
# scratch (not the floor: it only plans), then `plan` (which
# refreshes every object), each reported as
#   wall; CPU of the provider processes (polled from /proc, bench-lib.sh)
#   and of the CLI (user + system of the command and its children from
#   /usr/bin/time, minus the provider's); the provider's peak RSS (VmHWM)
#   and the largest of the CLI and its plugins (/usr/bin/time %M, in
#   practice the CLI); the state's size; the emulator's requests.
# Then, at one size, the plan at 100 ms of emulator latency with
# -parallelism=10 and -parallelism=50.
#
#   BENCH_SCALE_SIZES     links (objects besides the datasets: N/4 of those);
#                         default "1000 5000 10000"
#   BENCH_REPEAT          plans: best of this many, random and ours in turn
#                         (default 3; wall and CPU of the best-wall one)
#   BENCH_SCALE_LATENCY_SIZE  the size of the latency part (default the
#                         first size; 0 skips it)
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
# shellcheck source=scripts/random-provider.sh
. scripts/random-provider.sh

sizes=${BENCH_SCALE_SIZES:-1000 5000 10000}
latency_size=${BENCH_SCALE_LATENCY_SIZE:-${sizes%% *}}

bench_init scale
random_provider_setup >&2
set_latency 0
# The floor, served in place of ours through dev_overrides (no init).
floor_dir=$work/floor
go build -o "$floor_dir/terraform-provider-datagouv" ./cmd/datagouv-schema-floor
cat >"$floor_dir/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "$PROVIDER_ADDRESS" = "$floor_dir"
  }
  direct {
    exclude = ["$PROVIDER_ADDRESS"]
  }
}
RC
# plan_floor DIR: the floor's plan of our configuration and state in DIR;
# the plugin libraries' logs off, as our main sets them (log_levels.go).
plan_floor() {
  TF_CLI_CONFIG_FILE=$floor_dir/terraformrc TF_LOG_SDK=off TF_LOG_SDK_PROTO=off TF_LOG_SDK_FRAMEWORK=off \
    measure "$1" "$floor_dir/terraform-provider-datagouv" plan -detailed-exitcode -parallelism="$parallelism"
}

# measure DIR WATCH CMD ARGS…: runs the CLI command in DIR with the
# provider processes named WATCH polled; sets m_wall m_cpu (command and
# children) m_pcpu (provider) m_prss (provider peak, kB) m_maxrss (largest
# of the CLI and its plugins, kB) m_reqs (emulator requests).
measure() {
  local dir=$1 t0 before out
  proc_watch_name=$2
  shift 2
  out=$work/time.out
  before=$(requests)
  proc_watch_start "$work/watch"
  t0=$(now)
  (cd "$dir" && /usr/bin/time -f '%U %S %M' -o "$out" "$TF" "$1" -input=false -no-color "${@:2}" >>"$dir/tf.log" 2>&1) || {
    local rc=$?
    [ "$rc" = 2 ] || { tail -n 40 "$dir/tf.log" >&2; proc_watch_stop; return 1; }
  }
  m_wall=$(calc "$(now) - $t0")
  proc_watch_stop
  m_reqs=$(($(requests) - before))
  # The last line: GNU time writes "Command exited with non-zero status 2"
  # before the figures of a plan that has changes.
  read -r m_cpu m_maxrss < <(tail -n1 "$out" | awk '{ printf "%.2f %d\n", $1 + $2, $3 }')
  m_pcpu=$(provider_cpu "$work/watch")
  m_prss=$(provider_rss_kb "$work/watch")
}

# The two configurations of one size.
ours_config() { # DATASETS
  new_config "ours-$1" "
resource \"datagouv_dataset\" \"d\" {
  count       = $1
  title       = \"bench scale \${count.index}\"
  description = \"Scale benchmark.\"
}
resource \"datagouv_resource\" \"r\" {
  count      = $((4 * $1))
  dataset_id = datagouv_dataset.d[floor(count.index / 4)].id
  title      = \"Link \${count.index}\"
  url        = \"https://example.org/bench/\${count.index}.csv\"
}"
}
random_config() { # DATASETS
  new_config "random-$1" "
resource \"random_id\" \"d\" {
  count       = $1
  byte_length = 12
  keepers     = { title = \"bench scale \${count.index}\" }
}
resource \"random_password\" \"r\" {
  count   = $((4 * $1))
  length  = 16
  keepers = { dataset_id = random_id.d[floor(count.index / 4)].id }
}"
}

# One markdown row comparing a figure of ours with the random graph's.
# NAME OURS RANDOM UNIT
compare_row() {
  row "$1" "$2$4 ($(calc "$2 / ($3 > 0 ? $3 : 1)")×)" "random: $3$4" ""
}

# scale_case LINKS
scale_case() {
  local links=$1 datasets=$(($1 / 4)) ours rnd name
  name="$datasets datasets × 4 links ($((links + datasets)) objects)"
  log "== $name, load $(cut -d' ' -f1-3 /proc/loadavg)"
  ours=$(ours_config "$datasets")
  rnd=$(random_config "$datasets")
  # Not f or r: the /proc watcher (bench-lib.sh), a subshell, uses those names.
  local -A o rn fl
  measure "$rnd" terraform-provider-random_v apply -auto-approve -parallelism="$parallelism"
  rn[aw]=$m_wall rn[ac]=$m_cpu rn[ap]=$m_pcpu rn[ar]=$m_prss rn[am]=$m_maxrss
  measure "$ours" terraform-provider-datagouv_v apply -auto-approve -parallelism="$parallelism"
  o[aw]=$m_wall o[ac]=$m_cpu o[ap]=$m_pcpu o[ar]=$m_prss o[am]=$m_maxrss o[aq]=$m_reqs
  log "apply: ours ${o[aw]}s ${o[ac]}s CPU (${o[aq]} requests), random ${rn[aw]}s ${rn[ac]}s CPU"
  # Plans (every object refreshed), in turn; the best wall of each kept.
  o[pw]='' rn[pw]='' fl[pw]=''
  for _ in $(seq 1 "$repeat"); do
    plan_floor "$ours"
    if [ "$(least "${fl[pw]}" "$m_wall")" = "$m_wall" ]; then
      fl[pw]=$m_wall fl[pc]=$m_cpu fl[pp]=$m_pcpu fl[pr]=$m_prss fl[pm]=$m_maxrss
    fi
    measure "$rnd" terraform-provider-random_v plan -detailed-exitcode -parallelism="$parallelism"
    if [ "$(least "${rn[pw]}" "$m_wall")" = "$m_wall" ]; then
      rn[pw]=$m_wall rn[pc]=$m_cpu rn[pp]=$m_pcpu rn[pr]=$m_prss rn[pm]=$m_maxrss
    fi
    measure "$ours" terraform-provider-datagouv_v plan -detailed-exitcode -parallelism="$parallelism"
    if [ "$(least "${o[pw]}" "$m_wall")" = "$m_wall" ]; then
      o[pw]=$m_wall o[pc]=$m_cpu o[pp]=$m_pcpu o[pr]=$m_prss o[pm]=$m_maxrss o[pq]=$m_reqs
    fi
  done
  log "plan: ours ${o[pw]}s ${o[pc]}s CPU (${o[pq]} requests), floor ${fl[pw]}s ${fl[pc]}s CPU, random ${rn[pw]}s ${rn[pc]}s CPU"
  o[st]=$(stat -c %s "$ours/terraform.tfstate") rn[st]=$(stat -c %s "$rnd/terraform.tfstate")
  local n=$((links + datasets))
  row "5. $name: plan, requests" "${o[pq]}" "≤ $datasets + 3 (one read per dataset)" "$(verdict "${o[pq]} <= $datasets + 3")"
  row "5. $name: plan, CPU (provider + CLI)" "${o[pc]}s ($(calc "${o[pc]} / ${rn[pc]}")×; $(calc "${o[pc]} * 1000 / $n") ms/object)" "≤ 1.15× random (${rn[pc]}s; $(calc "${rn[pc]} * 1000 / $n") ms/object)" "$(verdict "${o[pc]} <= 1.15 * ${rn[pc]}")"
  row "5. $name: plan, CPU vs the schema floor" "$(calc "${o[pc]} / ${fl[pc]}")×" "≤ 1.15× floor (${fl[pc]}s; $(calc "${fl[pc]} * 1000 / $n") ms/object)" "$(verdict "${o[pc]} <= 1.15 * ${fl[pc]}")"
  row "5. $name: plan, CPU of the provider" "${o[pp]}s" "floor ${fl[pp]}s, random ${rn[pp]}s" ""
  row "5. $name: plan, CPU of the CLI" "$(calc "${o[pc]} - ${o[pp]}")s" "floor $(calc "${fl[pc]} - ${fl[pp]}")s, random $(calc "${rn[pc]} - ${rn[pp]}")s" ""
  row "5. $name: plan, wall" "${o[pw]}s" "floor ${fl[pw]}s, random ${rn[pw]}s" ""
  row "5. $name: plan, provider peak RSS" "$(calc "${o[pr]} / 1024") MiB ($(calc "${o[pr]} / $n") kB/object)" "floor $(calc "${fl[pr]} / 1024") MiB, random $(calc "${rn[pr]} / 1024") MiB" ""
  row "5. $name: plan, CLI peak RSS" "$(calc "${o[pm]} / 1024") MiB" "floor $(calc "${fl[pm]} / 1024") MiB, random $(calc "${rn[pm]} / 1024") MiB" ""
  row "5. $name: apply, requests (writes and reference reads)" "${o[aq]}" "≤ $n (one write per object) + 3" "$(verdict "${o[aq]} <= $n + 3")"
  row "5. $name: apply, CPU (provider + CLI)" "${o[ac]}s ($(calc "${o[ac]} / ${rn[ac]}")×; provider ${o[ap]}s)" "random: ${rn[ac]}s (provider ${rn[ap]}s)" ""
  compare_row "5. $name: apply, wall" "${o[aw]}" "${rn[aw]}" s
  row "5. $name: apply, provider / CLI peak RSS" "$(calc "${o[ar]} / 1024") / $(calc "${o[am]} / 1024") MiB" "random: $(calc "${rn[ar]} / 1024") / $(calc "${rn[am]} / 1024") MiB" ""
  compare_row "5. $name: state size" "$(calc "${o[st]} / 1048576")" "$(calc "${rn[st]} / 1048576")" " MiB"
  # For the growth check of the summary: "links CPU_ours CPU_random".
  echo "$links ${o[pc]} ${rn[pc]} ${fl[pc]}" >>"$work/growth"

  if [ "$links" = "$latency_size" ]; then
    set_latency 100
    local p
    for p in 10 50; do
      measure "$ours" terraform-provider-datagouv_v plan -detailed-exitcode -parallelism="$p"
      row "5. $name: plan at 100 ms latency, -parallelism=$p" "${m_wall}s (CPU ${m_cpu}s)" "" ""
    done
    set_latency 0
  fi
  # Destroy without measuring: the next size starts from an empty portal.
  tf "$ours" destroy -auto-approve -parallelism=50
  rm -rf "$rnd"
}

: >"$work/growth"
for links in $sizes; do scale_case "$links"; done
# Growth: the plan's CPU at the largest size against the smallest, per
# object, against the size's own ratio (target: ≤ 1.05 × linear).
if [ "$(wc -l <"$work/growth")" -gt 1 ]; then
  read -r l0 c0 r0 f0 < <(head -n1 "$work/growth")
  read -r l1 c1 r1 f1 < <(tail -n1 "$work/growth")
  row "5. plan CPU growth, $l0 → $l1 links (×$(calc "$l1 / $l0"))" "×$(calc "$c1 / $c0")" "≤ ×$(calc "1.05 * $l1 / $l0") (floor ×$(calc "$f1 / $f0"), random ×$(calc "$r1 / $r0"))" "$(verdict "$c1 / $c0 <= 1.05 * $l1 / $l0")"
fi
