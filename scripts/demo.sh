#!/usr/bin/env bash
# `make demo`: the main job in one command, on a fresh machine.
#
#  1. builds the provider and serves it to the CLI from a private filesystem
#     mirror (scripts/local-provider.sh; the user's CLI config is never read);
#  2. obtains the CLI as the tests do (scripts/terraform-cli.sh);
#  3. starts the data.gouv.fr emulator on a free loopback port — unless
#     DATAGOUV_BASE_URL and DATAGOUV_API_KEY point at a real portal, in which
#     case DATAGOUV_ORGANIZATION (or TF_VAR_organization) names the
#     organization to publish into;
#  4. runs init and apply on a copy of examples/demo (the tree stays clean),
#     then a second plan that must report no changes, and prints the outputs;
#  5. stops the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh
# shellcheck source=scripts/emulator.sh
. scripts/emulator.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-demo.XXXXXX")
keep_work=
cleanup() {
  if [ -n "$emulator_pid" ]; then
    stop_emulator
    echo "== emulator stopped"
  fi
  if [ -n "$keep_work" ]; then
    echo "The working copy, with its state, is kept in $work/demo."
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }

step "building the provider and a private CLI configuration"
local_provider_setup "$work/provider"
echo "provider $PROVIDER_ADDRESS $PROVIDER_VERSION (local build), CLI: $("$TF" version | head -n1) at $TF"

if [ -n "${DATAGOUV_BASE_URL:-}" ] && [ -n "${DATAGOUV_API_KEY:-}" ]; then
  step "using the portal at $DATAGOUV_BASE_URL"
  org=${DATAGOUV_ORGANIZATION:-${TF_VAR_organization:-}}
  if [ -z "$org" ]; then
    echo "set DATAGOUV_ORGANIZATION to the id of an organization your API key's user may publish into" >&2
    exit 1
  fi
  # What is created on a real portal outlives this script: keep the state
  # (and the mirror its lock file refers to) so that it can be destroyed.
  keep_work=1
else
  step "starting the data.gouv.fr emulator"
  start_emulator "$work/emulator"
  org=$emulator_org
  export DATAGOUV_BASE_URL=$emulator_base DATAGOUV_API_KEY=$emulator_key
  echo "emulator at $DATAGOUV_BASE_URL (pid $emulator_pid), organization $org"
fi
export TF_VAR_organization=$org

cp -R examples/demo "$work/demo"
cd "$work/demo"

step "$(basename "$TF") init"
"$TF" init -input=false

step "$(basename "$TF") apply -auto-approve"
"$TF" apply -input=false -auto-approve

step "$(basename "$TF") plan -detailed-exitcode (a second plan must report no changes)"
set +e
"$TF" plan -input=false -detailed-exitcode
rc=$?
set -e
case $rc in
  0) echo "second plan: no changes" ;;
  2) echo "demo: the second plan wants changes: the provider does not converge" >&2; exit 1 ;;
  *) echo "demo: the second plan failed" >&2; exit 1 ;;
esac

step "outputs"
"$TF" output

if [ -n "$keep_work" ]; then
  echo
  echo "To delete what the demo created on $DATAGOUV_BASE_URL:"
  echo "  cd $work/demo && TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE TF_VAR_organization=$org $TF destroy"
fi
echo
echo "demo: ok"
