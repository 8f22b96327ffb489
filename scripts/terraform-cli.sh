#!/usr/bin/env bash
# Prints the path of the Terraform-compatible CLI the tests, docs and demo use.
#
# Order: $TF_ACC_TERRAFORM_PATH (Terraform or OpenTofu), then `terraform` on
# PATH if it is an open-source release (<= 1.5.x), else Terraform 1.5.7 built
# once with `go install` into a cache folder. Later Terraform releases are not
# open source, so a newer one on PATH is skipped on purpose.
set -euo pipefail

want=1.5.7
cache=${DATAGOUV_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-datagouv/terraform-$want}

# A CLI config file that does not exist breaks some CLIs' version output, so
# ask for the version with an empty, private config.
empty_rc=$(mktemp)
trap 'rm -f "$empty_rc"' EXIT

# The whole output is read before it is parsed: cutting the pipe early (head)
# kills the CLI with SIGPIPE, which pipefail turns into a failure.
version_of() {
  local out
  out=$(TF_CLI_CONFIG_FILE=$empty_rc "$1" version 2>/dev/null) || true
  printf '%s\n' "$out" | sed -n '1s/^[A-Za-z]* v\{0,1\}\([0-9][0-9.]*\).*/\1/p'
}

if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then
  if [ ! -x "$TF_ACC_TERRAFORM_PATH" ]; then
    echo "TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file" >&2
    exit 1
  fi
  echo "$TF_ACC_TERRAFORM_PATH"
  exit 0
fi

if on_path=$(command -v terraform 2>/dev/null); then
  v=$(version_of "$on_path")
  case "$v" in
    0.*|1.[0-5].*) echo "$on_path"; exit 0 ;;
    *) echo "skipping $on_path (Terraform $v is not an open-source release); using $want" >&2 ;;
  esac
fi

if [ ! -x "$cache/terraform" ] || [ "$(version_of "$cache/terraform")" != "$want" ]; then
  echo "building Terraform $want into $cache (once; a few minutes)" >&2
  mkdir -p "$cache"
  # Built outside the module so that our go.mod is left alone.
  (cd "$cache" && GOFLAGS= GOBIN="$cache" go install "github.com/hashicorp/terraform@v$want") >&2
fi
echo "$cache/terraform"
