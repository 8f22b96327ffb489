#!/usr/bin/env bash
# `make test-udata`: the acceptance suite and the emulator's differential
# test against the real udata (the software behind data.gouv.fr), started
# locally by the udata-oracle kit ($UDATA_ORACLE, default ../shared/udata-oracle).
# Where the kit is missing it says so in one line and succeeds: CI machines
# without it still run `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

kit=${UDATA_ORACLE:-../shared/udata-oracle}
if [ ! -x "$kit/start.sh" ]; then
  echo "test-udata: no udata-oracle kit at $kit (set UDATA_ORACLE); nothing run against real udata"
  exit 0
fi

TF_ACC_TERRAFORM_PATH=$(./scripts/terraform-cli.sh)
export TF_ACC_TERRAFORM_PATH

# Each start is a fresh, empty udata on a free loopback port.
oracle_pid=
stop_oracle() {
  if [ -n "$oracle_pid" ]; then
    "$kit/stop.sh" "$oracle_pid" >/dev/null 2>&1 || true
    oracle_pid=
  fi
}
trap stop_oracle EXIT
trap 'stop_oracle; exit 130' INT TERM

echo "== starting udata ($kit)"
out=$("$kit/start.sh") || { echo "test-udata: the udata-oracle did not start" >&2; exit 1; }
eval "$out"
oracle_pid=$UDATA_ORACLE_PID
echo "udata at $DATAGOUV_BASE_URL (pid $oracle_pid)"

# The harness's names for the oracle's other accounts.
export DATAGOUV_OTHER_API_KEY=$UDATA_ORACLE_OTHER_API_KEY
export DATAGOUV_ADMIN_API_KEY=$UDATA_ORACLE_ADMIN_API_KEY
# The differential test fails, rather than skips, without a site.
export DATAGOUV_DIFFTEST=1

echo "== emulator vs udata (differential test)"
go test -count=1 -timeout "${TEST_TIMEOUT:-30m}" -run 'TestDifferential' ./internal/emulator/

echo "== acceptance tests against udata (TF_ACC=1)"
# TEST_UDATA_FLAGS may hold several flags: split on blanks.
read -r -a udata_flags <<<"${TEST_UDATA_FLAGS:-}"
TF_ACC=1 go test -count=1 -timeout "${TEST_TIMEOUT:-30m}" -parallel "${TEST_PARALLEL:-8}" ./internal/provider/... ${udata_flags[@]+"${udata_flags[@]}"}
