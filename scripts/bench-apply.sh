#!/usr/bin/env bash
# Apply requests of issue 12, item 4 (called by scripts/bench.sh, or run
# alone): an apply creating BENCH_APPLY_DATASETS datasets, each with 2 links
# and 1 small file, counted in the emulator's request log. Target: one
# request per dataset and per link, at most two per uploaded file (the
# upload, then the PUT that puts the title back), plus the reference reads
# of the plan (licences, /me/ …). The acceptance tests assert the same
# property (request log); this prints the figure.
#
#   BENCH_APPLY_DATASETS  datasets (default 20)
#
# Prints markdown table rows on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

n=${BENCH_APPLY_DATASETS:-20}
bench_init apply
set_latency 0
log "== apply of $n datasets × (2 links + 1 file)"
dir=$(new_config apply "
resource \"datagouv_dataset\" \"d\" {
  count       = $n
  title       = \"bench apply \${count.index}\"
  description = \"Apply benchmark.\"
}
resource \"datagouv_resource\" \"link\" {
  count      = $((2 * n))
  dataset_id = datagouv_dataset.d[count.index % $n].id
  title      = \"Link \${count.index}\"
  url        = \"https://example.org/bench-apply/\${count.index}.csv\"
}
resource \"datagouv_resource\" \"file\" {
  count      = $n
  dataset_id = datagouv_dataset.d[count.index].id
  title      = \"File \${count.index}\"
  file_path  = \"\${path.module}/files/f\${count.index}.csv\"
}")
mkdir -p "$dir/files"
for i in $(seq 0 $((n - 1))); do printf 'n,v\n%d,bench\n' "$i" >"$dir/files/f$i.csv"; done
# The reference reads are counted apart: a plan of the same configuration
# before anything exists reads only them.
before=$(requests)
tf "$dir" plan -detailed-exitcode -parallelism=$parallelism || [ $? = 2 ]
plan_reqs=$(($(requests) - before))
before=$(requests)
tf "$dir" apply -auto-approve -parallelism=$parallelism
reqs=$(($(requests) - before))
target=$((n + 2 * n + 2 * n + plan_reqs))
log "apply: $reqs requests (a plan alone: $plan_reqs)"
row "4. apply creating $n datasets, $((2 * n)) links, $n files: requests" "$reqs (of which plan-time reads: $plan_reqs)" "≤ $target (D + L + 2F + plan's)" "$(verdict "$reqs <= $target")"
tf "$dir" destroy -auto-approve -parallelism=$parallelism
