#!/usr/bin/env bash
# File hash benchmark of issue 12, item 3 (called by scripts/bench.sh, or run
# alone): BENCH_HASH_FILES files of BENCH_HASH_SIZE bytes (default 20 ×
# 200 MiB, written on disk, not sparse) uploaded once, then planned unchanged:
#
#   - the provider's reads during the plan (rchar, every read(2) of the
#     process, and read_bytes, what came from the disk): target < 1 MiB once
#     the sums are remembered; the first (cold) plan reads every file;
#   - the plan's wall time against the plan of the same configuration with
#     1-byte files, in the same run (target ≤ 1.1×);
#   - an edit whose size and modification time are put back (touch -d) is
#     still seen: the plan shows the update.
#
# The file hash cache is a fresh folder of the run (DATAGOUV_FILE_HASH_CACHE).
#
#   BENCH_HASH_FILES  number of files (default 20)
#   BENCH_HASH_SIZE   bytes per file (default 209715200)
#   BENCH_REPEAT      wall times are the best of this many plans (default 3)
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

files=${BENCH_HASH_FILES:-20}
size=${BENCH_HASH_SIZE:-209715200}
label=$(awk "BEGIN { printf \"%d MiB\", $size / 1048576 }")

bench_init filehash
set_latency 0

# files_config NAME BYTES: a configuration of $files files of BYTES bytes
# each (distinct contents), applied; prints its directory.
files_config() {
  local name=$1 bytes=$2 dir i
  dir=$(new_config "$name" "
resource \"datagouv_dataset\" \"d\" {
  title       = \"bench file hashes $name\"
  description = \"File hash benchmark.\"
}
resource \"datagouv_resource\" \"f\" {
  count      = $files
  dataset_id = datagouv_dataset.d.id
  title      = \"File \${count.index}\"
  file_path  = \"\${path.module}/files/f\${count.index}.csv\"
}")
  mkdir -p "$dir/files"
  for i in $(seq 0 $((files - 1))); do
    if [ "$bytes" -le 1 ]; then
      printf '%x' $((i % 16)) >"$dir/files/f$i.csv"
    else
      # Distinct content: a header, then zeros written as real blocks.
      { printf 'file %d\n' "$i"; head -c $((bytes - ${#i} - 6)) /dev/zero; } >"$dir/files/f$i.csv"
    fi
  done
  # Older than the cache's racy window (2 s) when first hashed.
  sleep 2.5
  log "applying $name ($files × $bytes bytes)"
  tf "$dir" apply -auto-approve -parallelism=$parallelism >&2
  echo "$dir"
}

log "== file hashes: $files × $label, unchanged"
big=$(files_config big "$size")
small=$(files_config small 1)

# Cold: as on a fresh checkout (CI), every file is read once.
rm -rf "$DATAGOUV_FILE_HASH_CACHE"
# Set by timed (printf -v), declared here for the reader (and shellcheck).
cold='' warm_once=''
proc_watch_start "$work/cold"
timed cold tf "$big" plan -detailed-exitcode -parallelism=$parallelism
proc_watch_stop
proc_watch_start "$work/warm"
timed warm_once tf "$big" plan -detailed-exitcode -parallelism=$parallelism
proc_watch_stop
plan_big() { tf "$big" plan -detailed-exitcode -parallelism=$parallelism; }
plan_small() { tf "$small" plan -detailed-exitcode -parallelism=$parallelism; }
read -r warm ref < <(best_of_two "$repeat" plan_big plan_small)
# cold and warm_once are set by timed (printf -v).
# shellcheck disable=SC2154
warm=$(least "$warm" "$warm_once")
# shellcheck disable=SC2154
log "plan: cold ${cold}s, warm ${warm}s, 1-byte files ${ref}s"
total=$((files * size))
row "3. plan of $files × $label unchanged: provider reads (rchar)" "$(mib "$(provider_rchar "$work/warm")") MiB (read_bytes $(mib "$(provider_read_bytes "$work/warm")"))" "< 1 MiB" "$(verdict "$(provider_rchar "$work/warm") < 1048576")"
row "3. plan of $files × $label unchanged: wall" "${warm}s ($(calc "$warm / $ref")×)" "≤ 1.1× 1-byte files (${ref}s)" "$(verdict "$warm <= 1.1 * $ref")"
row "3. first plan (cold cache, fresh checkout): reads, wall" "$(mib "$(provider_rchar "$work/cold")") MiB ($(calc "$(provider_rchar "$work/cold") / $total")× the files), ${cold}s" "reads each file once" "$(verdict "$(provider_rchar "$work/cold") <= $total + 1048576")"

# An edit that puts size and modification time back: only the change time
# (ctime, set by the kernel) tells.
f=$big/files/f0.csv
mtime=$(stat -c %y "$f")
printf 'FILE' | dd of="$f" bs=1 seek=0 conv=notrunc status=none
touch -m -d "$mtime" "$f"
[ "$(stat -c %y "$f")" = "$mtime" ] || log "warning: touch -d did not restore the modification time"
sleep 2.5
rc=0
tf "$big" plan -detailed-exitcode -parallelism=$parallelism || rc=$?
if [ "$rc" = 2 ] && grep -q 'datagouv_resource.f\[0\] will be updated in-place' "$big/tf.log"; then
  detected="yes: datagouv_resource.f[0] will be updated"
else
  detected="NO (plan exit code $rc)"
fi
row "3. edit with size and mtime restored (touch -d) is planned" "$detected" "detected" "$(verdict "$rc == 2")"

tf "$big" destroy -auto-approve -parallelism=$parallelism
tf "$small" destroy -auto-approve -parallelism=$parallelism
