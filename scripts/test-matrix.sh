#!/usr/bin/env bash
# `make test-matrix`: the acceptance suite, against the in-process emulator,
# with each CLI the README lists as supported. scripts/terraform-cli.sh finds
# or builds each one (once, cached).
#
# A CLI that cannot be had (its build fails, or takes longer than
# TEST_MATRIX_BUILD_BUDGET seconds: CI has 90 minutes on 2 cores for
# everything) is skipped with one "test-matrix: skipping" line, never
# silently; a CLI whose tests fail fails the run.
#
#   TEST_MATRIX_CLIS="terraform terraform-latest tofu"   which CLIs, in order
#   TEST_MATRIX_RUN=TestAccX                             go test -run pattern (default: all)
#   TEST_MATRIX_BUILD_BUDGET=900                         seconds allowed per CLI build
set -euo pipefail
cd "$(dirname "$0")/.."

clis=${TEST_MATRIX_CLIS:-terraform terraform-latest tofu}
budget=${TEST_MATRIX_BUILD_BUDGET:-900}
run_args=()
[ -z "${TEST_MATRIX_RUN:-}" ] || run_args=(-run "$TEST_MATRIX_RUN")

failed=()
summary=()
for cli in $clis; do
  echo "== test-matrix: $cli"
  start=$(date +%s)
  # timeout signals the script's whole process group, go build included.
  if ! path=$(timeout "$budget" ./scripts/terraform-cli.sh "$cli"); then
    echo "test-matrix: skipping $cli: it could not be built within ${budget}s here (see the lines above)"
    summary+=("$cli: skipped (no CLI)")
    continue
  fi
  echo "$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$path" version | sed -n 1p) at $path (ready in $(($(date +%s) - start))s)"

  env=(TF_ACC=1 "TF_ACC_TERRAFORM_PATH=$path")
  if [ "$cli" = tofu ]; then
    # OpenTofu's default registry; the provider's address in the tests
    # must match the one the CLI derives from the configuration.
    env+=(TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp)
  fi
  start=$(date +%s)
  # (The adoption guide's tests are in the suite: TestAccAdoption_forEach
  # needs 1.7 or later, which make test's CLI is not.)
  if env "${env[@]}" go test -count=1 -timeout "${TEST_TIMEOUT:-30m}" -parallel "${TEST_PARALLEL:-8}" "${run_args[@]}" ./internal/provider/...; then
    summary+=("$cli: ok ($(($(date +%s) - start))s)")
  else
    summary+=("$cli: FAILED")
    failed+=("$cli")
  fi
done

echo "== test-matrix summary"
printf '%s\n' "${summary[@]}"
[ ${#failed[@]} -eq 0 ]
