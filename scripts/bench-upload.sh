#!/usr/bin/env bash
# Upload benchmark of issue 12, items 2 and 3 (called by scripts/bench.sh, or
# run alone). A file of BENCH_UPLOAD_SIZE bytes (default 1 GiB, written on
# disk, not sparse) is uploaded by `terraform apply` with the provider's
# defaults (parts of 20,000,000 bytes, 4 in flight), against `curl -F` of the
# whole file in one request to the same server in the same run:
#
#   - wall time of the apply (plan + upload) / curl's (target ≤ 1.25× on the
#     emulator, ≤ 2.5× on real udata, which handles each part in Python);
#   - the provider's peak RSS (VmHWM, target < 128 MiB);
#   - the provider's reads (rchar) during that apply: a new file is read
#     once (by the upload; its plan only opens it), a changed one twice (the
#     plan's hash, then the upload) (target ≤ 2 × size + 1 MiB);
#   - the same ratio against the real udata (udata-oracle kit), with
#     BENCH_ORACLE_UPLOAD_SIZE bytes (default 256 MiB: udata writes every
#     part to disk and assembles them in Python); BENCH_SKIP_ORACLE=1 skips it.
#
#   BENCH_UPLOAD_SIZE         bytes (default 1073741824)
#   BENCH_UPLOAD_REPEAT       times are the best of this many runs (default 2)
#   BENCH_ORACLE_UPLOAD_SIZE  bytes (default 268435456)
#   BENCH_SKIP_ORACLE=1       no oracle run
#   BENCH_UPLOAD_PART_SIZES   e.g. "2000000 8000000 20000000 50000000": also
#                             time each upload_part_size × ...
#   BENCH_UPLOAD_CONCURRENCIES  ... upload_concurrency (default "1 4"), each
#                             against `curl -F` in turn (best of
#                             BENCH_UPLOAD_REPEAT), with the provider's peak
#                             RSS; on each site, after the defaults' case
#   BENCH_UPLOAD_MATRIX_ONLY=1  only that table, not the defaults' case
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

size=${BENCH_UPLOAD_SIZE:-1073741824}
oracle_size=${BENCH_ORACLE_UPLOAD_SIZE:-268435456}
urepeat=${BENCH_UPLOAD_REPEAT:-2}
part_sizes=${BENCH_UPLOAD_PART_SIZES:-}
concurrencies=${BENCH_UPLOAD_CONCURRENCIES:-1 4}
oracle_kit=${UDATA_ORACLE:-$(pwd)/../shared/udata-oracle}

bench_init upload
oracle_pid=
cleanup_upload() {
  [ -z "$oracle_pid" ] || "$oracle_kit/stop.sh" "$oracle_pid" >/dev/null 2>&1 || true
  bench_cleanup
}
trap cleanup_upload EXIT

label() { awk "BEGIN { v = $1 / 1073741824; if (v == int(v)) printf \"%d GiB\", v; else printf \"%d MiB\", $1 / 1048576 }"; }

# write_file PATH BYTES: a file on disk (not sparse: its blocks exist, as a
# user's would), then a pause so that its times are older than the racy
# window of the file hash cache (2 s): a file written during the plan is
# hashed again, on purpose.
write_file() {
  mkdir -p "$(dirname "$1")"
  head -c "$2" /dev/zero | tr '\0' 'x' >"$1"
  sleep 2.5
}

# curl_upload BASE KEY DATASET FILE: one multipart request, as a user would
# upload by hand.
curl_upload() {
  curl -sS -f -H "X-API-KEY: $2" -F "file=@$4" "$1/api/1/datasets/$3/upload/" >"$work/curl.json"
}
# curl_delete BASE KEY DATASET: deletes what curl_upload made, as the
# benchmark's destroy does for the apply's file, so that both commands meet
# the same free memory (a gigabyte kept per run made later runs slower).
curl_delete() {
  curl -sS -f -X DELETE -H "X-API-KEY: $2" "$1/api/1/datasets/$3/resources/$(jq -r .id "$work/curl.json")/" >/dev/null
}
new_dataset() { # new_dataset BASE KEY [ORG] → id
  curl -sS -f -H "X-API-KEY: $2" -H 'Content-Type: application/json' \
    --data "{\"title\": \"bench curl\", \"description\": \"curl upload\"${3:+, \"organization\": \"$3\"}}" "$1/api/1/datasets/" | jq -r .id
}

# timed_round LABEL BASE KEY DATASET FILE DIR WATCH: round $i of a timed
# upload: curl -F, then terraform apply (config DIR) of the same file (the
# provider watched in WATCH on round 1); the caller's best_curl and
# best_apply keep the best times.
timed_round() {
  local label=$1 b=$2 k=$3 ds=$4 file=$5 dir=$6 w=$7
  # Each timed command starts with no dirty page of the one before: the
  # VM's disk writes back a gigabyte in seconds, and whichever command
  # met the dirty-page limit waited for it (runs varied by up to 2×).
  sync
  timed curl_s curl_upload "$b" "$k" "$ds" "$file"
  curl_delete "$b" "$k" "$ds"
  sync
  # A fresh hash cache for each apply, as on a fresh checkout (the plan of
  # a new file does not read it; the upload does, once).
  rm -rf "$DATAGOUV_FILE_HASH_CACHE"
  [ "$i" != 1 ] || proc_watch_start "$w"
  DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k timed secs tf "$dir" apply -auto-approve
  [ "$i" != 1 ] || proc_watch_stop
  log "$label: curl ${curl_s}s, terraform apply ${secs}s"
  best_curl=$(least "$best_curl" "$curl_s")
  best_apply=$(least "$best_apply" "$secs")
}

# upload_case SITE BASE KEY ORG FILE BYTES: curl against terraform apply,
# alternately, best of $urepeat each; the first apply is also watched.
upload_case() {
  local site=$1 b=$2 k=$3 org=$4 file=$5 bytes=$6 dir ds curl_s best_curl='' best_apply='' secs i w rss rchar changed_s changed_rchar ratio=1.25
  [ "$site" = emulator ] || ratio=2.5
  log "== upload of $(label "$bytes") to $site"
  dir=$(new_config "upload-$site" "
resource \"datagouv_dataset\" \"big\" {
  ${org:+organization = \"$org\"}
  title       = \"bench upload\"
  description = \"Upload benchmark.\"
}
resource \"datagouv_resource\" \"big\" {
  dataset_id = datagouv_dataset.big.id
  title      = \"Big file\"
  file_path  = \"$file\"
}")
  # The dataset first: the timed apply is the upload (and its plan).
  DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" apply -auto-approve -target=datagouv_dataset.big
  ds=$(new_dataset "$b" "$k" "$org")
  w=$work/watch-$site
  for i in $(seq 1 "$urepeat"); do
    timed_round "$site" "$b" "$k" "$ds" "$file" "$dir" "$w"
    if [ "$i" != "$urepeat" ]; then
      DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" destroy -auto-approve -target=datagouv_resource.big
    fi
  done
  rss=$(provider_rss_kb "$w")
  rchar=$(provider_rchar "$w")
  local name
  name="$(label "$bytes") upload, $site"
  row "2. $name: terraform apply (plan + upload), defaults" "${best_apply}s ($(calc "$best_apply / $best_curl")× curl)" "≤ ${ratio}× curl -F (${best_curl}s)" "$(verdict "$best_apply <= $ratio * $best_curl")"
  row "2. $name: provider peak RSS" "$(calc "$rss / 1024") MiB" "< 128 MiB" "$(verdict "$rss < 131072")"
  row "3. $name: provider reads (rchar), new file" "$(mib "$rchar") MiB ($(calc "$rchar / $bytes")× the file)" "≤ 2× the file + 1 MiB" "$(verdict "$rchar <= 2 * $bytes + 1048576")"

  # The file changes (same size, one byte): an update, hashed by the plan
  # and read by the upload, nothing more.
  printf 'y' | dd of="$file" bs=1 seek=$((bytes / 2)) conv=notrunc status=none
  sleep 2.5
  sync
  proc_watch_start "$w-changed"
  DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k timed changed_s tf "$dir" apply -auto-approve
  proc_watch_stop
  changed_rchar=$(provider_rchar "$w-changed")
  row "3. $name: provider reads (rchar), changed file" "$(mib "$changed_rchar") MiB ($(calc "$changed_rchar / $bytes")×), ${changed_s}s" "≤ 2× the file + 1 MiB" "$(verdict "$changed_rchar <= 2 * $bytes + 1048576")"
  DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" destroy -auto-approve
}

# matrix_case SITE BASE KEY ORG FILE BYTES: for each part size × parts in
# flight, curl against terraform apply, alternately, best of $urepeat each
# (the first apply watched for its peak RSS); one row per combination.
matrix_case() {
  local site=$1 b=$2 k=$3 org=$4 file=$5 bytes=$6 part conc dir ds curl_s secs best_curl best_apply i w
  for part in $part_sizes; do
    for conc in $concurrencies; do
      log "== $(label "$bytes") to $site, parts of $part bytes, $conc in flight"
      dir=$(new_config "matrix-$site-$part-$conc" "
provider \"datagouv\" {
  upload_part_size   = $part
  upload_concurrency = $conc
}
resource \"datagouv_dataset\" \"big\" {
  ${org:+organization = \"$org\"}
  title       = \"bench upload matrix\"
  description = \"Upload benchmark.\"
}
resource \"datagouv_resource\" \"big\" {
  dataset_id = datagouv_dataset.big.id
  title      = \"Big file\"
  file_path  = \"$file\"
}")
      DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" apply -auto-approve -target=datagouv_dataset.big
      ds=$(new_dataset "$b" "$k" "$org")
      w=$work/watch-matrix-$site-$part-$conc
      best_curl='' best_apply=''
      for i in $(seq 1 "$urepeat"); do
        timed_round "$site, $part × $conc" "$b" "$k" "$ds" "$file" "$dir" "$w"
        DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" destroy -auto-approve -target=datagouv_resource.big
      done
      row "2. $(label "$bytes"), $site: parts of $part bytes, $conc in flight" "${best_apply}s ($(calc "$best_apply / $best_curl")× curl), $(calc "$(provider_rss_kb "$w") / 1024") MiB" "curl -F ${best_curl}s" ""
      DATAGOUV_BASE_URL=$b DATAGOUV_API_KEY=$k tf "$dir" destroy -auto-approve
    done
  done
}

# site_cases SITE BASE KEY ORG FILE BYTES: the defaults' case, then the table.
site_cases() {
  [ -n "${BENCH_UPLOAD_MATRIX_ONLY:-}" ] || upload_case "$@"
  [ -z "$part_sizes" ] || matrix_case "$@"
}

set_latency 0
write_file "$work/files/big.csv" "$size"
site_cases emulator "$base" "$key" "" "$work/files/big.csv" "$size"
rm -f "$work/files/big.csv"
# The emulator keeps what it received: free the disk before the oracle.
stop_emulator

if [ -z "${BENCH_SKIP_ORACLE:-}" ]; then
  if [ ! -x "$oracle_kit/start.sh" ]; then
    log "no udata-oracle kit at $oracle_kit (set UDATA_ORACLE): oracle upload skipped"
    row "2. upload to real udata" "not measured (no udata-oracle kit)" "" ""
  else
    log "== starting real udata (udata-oracle)"
    out=$("$oracle_kit/start.sh")
    oracle_pid=$(printf '%s\n' "$out" | sed -n 's/.*UDATA_ORACLE_PID=\([0-9]*\).*/\1/p')
    (
      eval "$out"
      write_file "$work/files/oracle.csv" "$oracle_size"
      site_cases "real udata" "$DATAGOUV_BASE_URL" "$DATAGOUV_API_KEY" "$DATAGOUV_ORGANIZATION" "$work/files/oracle.csv" "$oracle_size"
    )
    run_dir=$(printf '%s\n' "$out" | sed -n 's/.*UDATA_ORACLE_RUN_DIR=\([^ ;]*\).*/\1/p' | tr -d "'\"")
    "$oracle_kit/stop.sh" "$oracle_pid" >/dev/null 2>&1 || true
    oracle_pid=
    # Its uploaded files: up to 2 × the size per upload.
    [ -z "$run_dir" ] || rm -rf "${run_dir:?}/fs"
  fi
fi
