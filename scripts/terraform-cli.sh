#!/usr/bin/env bash
# Prints the path of a Terraform-compatible CLI for the tests, docs and demo;
# the one place that finds or builds one. Each build happens once, into a
# cache folder outside the repository.
#
#   scripts/terraform-cli.sh [terraform|terraform-latest|tofu]
#
# terraform (default): $TF_ACC_TERRAFORM_PATH, else `terraform` on PATH if it
#   is an open-source release (<= 1.5.x), else Terraform 1.5.7 built with
#   `go install`. 1.5.7 is the oldest version the provider supports and the
#   last MPL release, so it is what `make test` uses.
# terraform-latest: the newest Terraform whose source the module proxy serves
#   and that builds here (BUSL: used to test the provider, never shipped or
#   committed). `go list -m -versions` stops at 1.13.3 and 1.17.x resolve
#   without a source archive, so exact versions are tried, newest first.
# tofu: the newest OpenTofu release that builds here.
#
# The two newer CLIs are built from their module source (`go mod download`)
# in a scratch copy, because `go install` refuses modules with replace
# directives. The caches are outside the repository on purpose: their code
# must never be committed.
set -euo pipefail

which_cli=${1:-terraform}
want=1.5.7
# Newest first; the first one already built, or downloaded and built, wins.
# A version the proxy refuses costs one request. Add newer ones at the front.
latest_tf_candidates="1.17.3 1.17.2 1.17.1 1.17.0 1.16.4"
latest_tofu=1.12.6
base=${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-datagouv

# A CLI config file that does not exist breaks some CLIs' version output, so
# ask for the version with an empty, private config.
empty_rc=$(mktemp)
scratch=
trap 'rm -f "$empty_rc"; [ -z "$scratch" ] || rm -rf "$scratch"' EXIT

# The whole output is read before it is parsed: cutting the pipe early (head)
# kills the CLI with SIGPIPE, which pipefail turns into a failure.
version_of() {
  local out
  out=$(TF_CLI_CONFIG_FILE=$empty_rc "$1" version 2>/dev/null) || true
  printf '%s\n' "$out" | sed -n '1s/^[A-Za-z]* v\{0,1\}\([0-9][0-9.]*\).*/\1/p'
}

# build_from_source MODULE VERSION PKG OUT [PATCH]: copies the module source
# (read-only in the module cache) to a scratch folder, runs PATCH there if
# given, and builds PKG with the module's own go.mod, replaces included.
# Every step checks its own status: the caller may run it where set -e is off
# (an `if`), to try the next version when this one fails.
build_from_source() {
  local module=$1 version=$2 pkg=$3 out=$4 patch=${5:-} dir start
  start=$(date +%s)
  [ -z "$scratch" ] || rm -rf "$scratch"
  scratch=$(mktemp -d)
  # go mod download needs a module to run in; an empty one keeps ours alone.
  (cd "$scratch" && GOFLAGS='' go mod init scratch >/dev/null 2>&1) || return 1
  dir=$(cd "$scratch" && GOFLAGS='' go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "could not download $module@v$version" >&2; return 1; }
  cp -r "$dir" "$scratch/src" && chmod -R u+w "$scratch/src" || return 1
  [ -z "$patch" ] || (cd "$scratch/src" && "$patch") || return 1
  mkdir -p "$(dirname "$out")" || return 1
  # -mod=mod: the patch may drop requirements, so let go fix go.sum.
  (cd "$scratch/src" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$out.tmp" "$pkg") >&2 || return 1
  mv "$out.tmp" "$out" || return 1
  echo "built $module $version in $(($(date +%s) - start))s" >&2
}

# Terraform's remote-state backends (s3, azurerm, gcs, …) and internal/legacy
# are nested modules that its go.mod replaces with local folders, and module
# zips leave nested modules out; the proxy refuses them on their own. The
# tests use local state only, so build without those backends.
patch_terraform() {
  local nested='azure\|consul\|cos\|gcs\|kubernetes\|oci\|oss\|pg\|s3'
  sed -i "/internal\/backend\/remote-state\/\($nested\)\"/d; /backend\(Azure\|Consul\|Cos\|GCS\|Kubernetes\|OCI\|OSS\|Pg\|S3\)\.New/d" internal/backend/init/init.go
  sed -i "/hashicorp\/terraform\/internal\/\(legacy\|backend\/remote-state\/\($nested\)\)[ =]/d" go.mod
}

case "$which_cli" in
terraform) ;;
terraform-latest)
  for v in $latest_tf_candidates; do
    out=$base/terraform-$v/terraform
    if [ -x "$out" ] && [ "$(version_of "$out")" = "$v" ]; then echo "$out"; exit 0; fi
    echo "trying Terraform $v: building into $(dirname "$out") (once; several minutes)" >&2
    # A refused download or a failed build moves on to the next version.
    if build_from_source github.com/hashicorp/terraform "$v" . "$out" patch_terraform; then
      echo "$out"; exit 0
    fi
  done
  echo "none of Terraform $latest_tf_candidates could be downloaded and built" >&2
  exit 1 ;;
tofu)
  out=$base/tofu-$latest_tofu/tofu
  if [ ! -x "$out" ] || [ "$(version_of "$out")" != "$latest_tofu" ]; then
    echo "building OpenTofu $latest_tofu into $(dirname "$out") (once; several minutes)" >&2
    build_from_source github.com/opentofu/opentofu "$latest_tofu" ./cmd/tofu "$out"
  fi
  echo "$out"; exit 0 ;;
*) echo "usage: $0 [terraform|terraform-latest|tofu]" >&2; exit 2 ;;
esac

cache=${DATAGOUV_TF_CACHE:-$base/terraform-$want}

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
  (cd "$cache" && GOFLAGS='' GOBIN="$cache" go install "github.com/hashicorp/terraform@v$want") >&2
fi
echo "$cache/terraform"
