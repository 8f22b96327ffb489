#!/usr/bin/env bash
# `make bench`: the performance figures of issue 12, measured on this machine
# with the provider built as a binary and run by the real CLI
# (scripts/local-provider.sh) against the emulator binary on loopback, and
# the upload also against the real udata (udata-oracle kit). Each figure is
# printed with its target and the reference it is compared with, measured in
# the same run. Never fails on a figure (BENCHMARKS.md records and explains
# them); not part of `make test`.
#
#   1. refresh at 100 ms latency: plan vs plan -refresh=false  (bench-refresh.sh)
#   2. 1 GiB upload vs curl -F, peak RSS; 3. reads of that apply (bench-upload.sh)
#   3. 20 × 200 MiB unchanged: reads and wall of a plan          (bench-filehash.sh)
#   4. requests of an apply                                      (bench-apply.sh)
#   5. catalogues of thousands vs the random provider and the schema floor
#      (bench-scale.sh; long: only when BENCH_ONLY names "scale")
#   and the Go benchmarks of the hashing code.
#
# Each part runs alone too, with its own knobs (see each script):
#   BENCH_REPEAT (plans: best of, default 3), BENCH_ONE_FILES, BENCH_MANY_DATASETS,
#   BENCH_MANY_FILES, BENCH_UPLOAD_SIZE, BENCH_UPLOAD_REPEAT, BENCH_ORACLE_UPLOAD_SIZE,
#   BENCH_SKIP_ORACLE, BENCH_UPLOAD_PART_SIZES, BENCH_UPLOAD_CONCURRENCIES, BENCH_UPLOAD_MATRIX_ONLY,
#   BENCH_HASH_FILES, BENCH_HASH_SIZE, BENCH_APPLY_DATASETS, BENCH_SCALE_SIZES,
#   BENCH_SCALE_LATENCY_SIZE;
#   BENCH_ONLY="refresh upload filehash apply scale go" picks parts (default: all but scale).
set -euo pipefail
cd "$(dirname "$0")/.."

only=${BENCH_ONLY:-refresh upload filehash apply go}
rows=$(mktemp "${TMPDIR:-/tmp}/datagouv-bench-rows.XXXXXX")
trap 'rm -f "$rows"' EXIT
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s)

for part in refresh upload filehash apply scale; do
  case " $only " in *" $part "*) ;; *) continue ;; esac
  echo "== $part" >&2
  ./scripts/bench-"$part".sh >>"$rows"
done

echo
echo "Benchmarks of $started on $(uname -sm), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
  "$("$(./scripts/terraform-cli.sh 2>/dev/null)" version | head -n1), $(go version | cut -d' ' -f3);" \
  "load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(($(date +%s) - t0)) s"
echo
printf '| %-62s | %-34s | %-30s | %-4s |\n' "figure" "measured" "target (reference, same run)" ""
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..64})" "$(printf -- '-%.0s' {1..36})" "$(printf -- '-%.0s' {1..32})" "$(printf -- '-%.0s' {1..6})"
cat "$rows"

case " $only " in *" go "*)
  echo
  echo "Go benchmarks (hashing: streamed, and remembered by the file hash cache):"
  go test -run '^$' -bench . -benchmem -benchtime 3x ./internal/filehash/ ./internal/provider/ ./internal/client/ | grep -E '^(Benchmark|ok|FAIL)'
  ;;
esac
