#!/usr/bin/env bash
# The project's whole test command (`make test`), as CI runs it on a fresh
# machine: it obtains a Terraform CLI by itself when none is given.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint"
./scripts/lint.sh

echo "== Terraform CLI"
TF_ACC_TERRAFORM_PATH=$(./scripts/terraform-cli.sh)
export TF_ACC_TERRAFORM_PATH
echo "$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$TF_ACC_TERRAFORM_PATH" version | sed -n 1p) at $TF_ACC_TERRAFORM_PATH"

echo "== docs and examples"; ./scripts/docs-check.sh

echo "== unit and acceptance tests (TF_ACC=1, against the in-process emulator unless DATAGOUV_BASE_URL is set)"
TF_ACC=1 go test -race -count=1 -timeout "${TEST_TIMEOUT:-30m}" -parallel "${TEST_PARALLEL:-8}" ./...
