#!/usr/bin/env bash
# Apply requests of issue 12, item 4 (called by scripts/bench.sh, or run
# alone): an apply creating BENCH_APPLY_DATASETS datasets, each with 2 links
# and 1 small file, counted in the emulator's request log. Target: one
# write per dataset and per link, at most two per uploaded file (the
# upload, then the PUT that puts the title back), and no read but the
# reference lists (licences, /me/ …) of each provider process. The
# acceptance tests assert the same property (request log); this prints the
# figure and, on stderr, the requests by method and path.
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
# The apply's requests, read once: their count, the writes among them,
# and (on stderr) where they went, by method and path shape (ids masked).
read -r reqs writes < <(emulator_control GET requests | python3 -c '
import json, re, sys, collections
log = json.load(sys.stdin)[int(sys.argv[1]):]
shape = lambda p: re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "{rid}", re.sub(r"/[0-9a-f]{24}/", "/{id}/", p))
for (m, p), n in sorted(collections.Counter((r["method"], shape(r["path"])) for r in log).items()):
    print("   %4d %-6s %s" % (n, m, p), file=sys.stderr)
print(len(log), sum(1 for r in log if r["method"] != "GET"))' "$before")
reads=$((reqs - writes))
target=$((n + 2 * n + 2 * n))
log "apply: $reqs requests: $writes writes, $reads reads (a plan alone: $plan_reqs)"
# `terraform apply` plans again and applies in provider processes of their
# own, each reading the reference lists once: the reads are those, and the
# writes must be one per dataset and per link, two per file.
row "4. apply creating $n datasets, $((2 * n)) links, $n files: writes" "$writes" "≤ $target (D + L + 2F)" "$(verdict "$writes <= $target")"
row "4. the same apply: reads (reference lists, per provider process)" "$reads" "no read of an object (a plan alone: $plan_reqs)" "$(verdict "$reads <= 2 * $plan_reqs")"
tf "$dir" destroy -auto-approve -parallelism=$parallelism
