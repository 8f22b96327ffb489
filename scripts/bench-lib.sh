# shellcheck shell=bash
# Sourced by scripts/bench*.sh: what every benchmark of `make bench` shares.
#
#   bench_init NAME      temp dir ($work), the provider built into a private
#                        mirror (scripts/local-provider.sh), the emulator
#                        started ($base, $key, $admin_key), a fresh file hash
#                        cache (DATAGOUV_FILE_HASH_CACHE), cleanup on exit
#   tf DIR CMD ARGS…     the CLI in DIR, output appended to DIR/tf.log
#   new_config NAME HCL  a directory with main.tf (provider source added), initialised
#   proc_watch_start F / proc_watch_stop
#                        poll the provider processes of this run (see below)
#   row NAME MEASURED TARGET VERDICT
#                        one markdown row on stdout (progress goes to stderr)
#
# The figures come from outside the provider, as a user would see them: wall
# time of the CLI, the emulator's request log, /proc of the provider process.

# shellcheck source=scripts/local-provider.sh
. "$(dirname "${BASH_SOURCE[0]}")/local-provider.sh"
# shellcheck source=scripts/emulator.sh
. "$(dirname "${BASH_SOURCE[0]}")/emulator.sh"

# Read by the bench-*.sh scripts that source this file (shellcheck sees
# this file alone).
# shellcheck disable=SC2034
parallelism=10
# shellcheck disable=SC2034
repeat=${BENCH_REPEAT:-3}

log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic, two decimals.
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }
verdict() { awk "BEGIN { exit !($1) }" && echo ok || echo MISS; }
row() { printf '| %-62s | %-34s | %-30s | %-4s |\n' "$1" "$2" "$3" "$4"; }
# mib BYTES: bytes in MiB, two decimals.
mib() { calc "$1 / 1048576"; }

bench_init() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-bench-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  local_provider_setup "$work/provider" >&2
  start_emulator "$work/emulator" >&2
  # (admin_key: for the bench scripts, as above.)
  # shellcheck disable=SC2034
  base=$emulator_base key=$emulator_key admin_key=$emulator_admin_key
  export DATAGOUV_BASE_URL=$base DATAGOUV_API_KEY=$key
  # A fresh cache: the first plan of each case is cold, as on a fresh
  # checkout, and nothing of the user's own cache is read or written.
  export DATAGOUV_FILE_HASH_CACHE=$work/file-hashes
}
bench_cleanup() {
  proc_watch_stop
  stop_emulator
  rm -rf "$work"
}

set_latency() { emulator_control POST faults "{\"rate\": 0, \"latency_ms\": $1}" >/dev/null; }
# requests: how many API requests the emulator answered so far (0 is a
# count too: grep finding nothing must not stop the script).
requests() { emulator_control GET requests | { grep -o '"method":' || true; } | wc -l; }

tf() {
  local dir=$1
  shift
  (cd "$dir" && "$TF" "$1" -input=false -no-color "${@:2}" >>"$dir/tf.log" 2>&1) || {
    local rc=$?
    # plan -detailed-exitcode: 2 means "changes", not a failure.
    if [ "$rc" = 2 ] && [[ " $* " == *" -detailed-exitcode "* ]]; then return 2; fi
    tail -n 40 "$dir/tf.log" >&2
    return 1
  }
}
new_config() { # new_config NAME HCL → prints the directory, initialised
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

# timed VAR CMD…: runs CMD, sets VAR to its wall time in seconds.
timed() {
  local __var=$1 t0
  shift
  t0=$(now)
  "$@" || [ $? = 2 ]
  printf -v "$__var" '%s' "$(calc "$(now) - $t0")"
}
# least A B: the smaller of two times, B when A is empty.
least() {
  if [ -z "$1" ] || awk "BEGIN { exit !($2 < $1) }"; then echo "$2"; else echo "$1"; fi
}
# best_of_two N CMD_A CMD_B: runs the two commands (one word each: a
# function) in turn, N times, and prints the shortest wall time of each,
# "A B". Compared figures are taken this way: whatever slows the machine for
# a while (an earlier benchmark's writeback, a neighbour on the host) slows
# both; taken one after the other, best-of-3 ratios swung by 40 % here. The
# shortest run is the one least disturbed.
best_of_two() {
  local n=$1 a='' b='' t
  for _ in $(seq 1 "$n"); do
    timed t "$2"
    a=$(least "$a" "$t")
    timed t "$3"
    b=$(least "$b" "$t")
  done
  echo "$a $b"
}

# proc_watch_start FILE: polls every provider process started from this
# run's mirror every 10 ms, until proc_watch_stop, and writes
#   FILE.rss   the highest VmHWM seen (kB)
#   FILE.cpu   per process, CPU time used (user + system, clock ticks)
#   FILE.io    per process, rchar and read_bytes from /proc/<pid>/io
# as last seen: a process's last 10 ms may be missed, which matters for
# neither (reads of file content happen well before the process exits).
# rchar counts every read(2), sockets and sparse holes included: an upper
# bound of the file content read. read_bytes counts what came from the disk
# rather than the page cache.
proc_watcher=
# The processes watched: ours, unless a script sets another provider's
# binary name (bench-scale.sh watches the random provider the same way).
proc_watch_name=terraform-provider-datagouv_v
proc_watch_start() {
  local out=$1
  echo 0 >"$out.rss"
  : >"$out.cpu"
  : >"$out.io"
  (
    # Builtins only (read, no awk per sample): the watcher must not take the
    # CPU it measures from the CLI on a small machine.
    max=0
    declare -A ticks io
    while :; do
      changed=
      for pid in $(pgrep -f "$proc_watch_name" || true); do
        exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
        case $exe in "$work"/*) ;; *) continue ;; esac
        while IFS=$': \t' read -r k v _; do
          if [ "$k" = VmHWM ] && [ "$v" -gt "$max" ]; then max=$v; echo "$max" >"$out.rss"; fi
        done <"/proc/$pid/status" 2>/dev/null || true
        if read -r -a stat <"/proc/$pid/stat" 2>/dev/null; then ticks[$pid]=$((stat[13] + stat[14])); fi
        r='' b=''
        while IFS=$': \t' read -r k v; do
          case $k in rchar) r=$v ;; read_bytes) b=$v ;; esac
        done <"/proc/$pid/io" 2>/dev/null || true
        [ -z "$r" ] || io[$pid]="$r $b"
        changed=1
      done
      if [ -n "$changed" ]; then
        for p in "${!ticks[@]}"; do echo "${ticks[$p]}"; done >"$out.cpu.tmp" && mv "$out.cpu.tmp" "$out.cpu"
        for p in "${!io[@]}"; do echo "${io[$p]}"; done >"$out.io.tmp" && mv "$out.io.tmp" "$out.io"
      fi
      sleep 0.01
    done
  ) &
  proc_watcher=$!
}
proc_watch_stop() {
  [ -n "$proc_watcher" ] || return 0
  kill "$proc_watcher" 2>/dev/null || true
  wait "$proc_watcher" 2>/dev/null || true
  proc_watcher=
}
# provider_cpu FILE: CPU seconds of the provider processes watched into FILE.
provider_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.2f", s / hz }' "$1.cpu"; }
# provider_rchar FILE / provider_read_bytes FILE: bytes, summed over processes
# (%.0f: mawk's %d stops at 2^31 - 1, which read 2 GiB for any larger sum).
provider_rchar() { awk '{ s += $1 } END { printf "%.0f", s }' "$1.io"; }
provider_read_bytes() { awk '{ s += $2 } END { printf "%.0f", s }' "$1.io"; }
provider_rss_kb() { cat "$1.rss"; }
