#!/usr/bin/env bash
# `make install`: builds the provider and puts it in the implicit local mirror
# that `terraform init` (and `tofu init`) search without any configuration:
#   ~/.terraform.d/plugins/<host>/datagouv-community/datagouv/<version>/<os>_<arch>/
# A configuration that requires source "datagouv-community/datagouv" with a
# version constraint matching <version> then uses this build.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh

version=$(provider_version)
os_arch="$(go env GOOS)_$(go env GOARCH)"
bin=$(mktemp -d)/terraform-provider-${PROVIDER_TYPE}_v$version
trap 'rm -rf "$(dirname "$bin")"' EXIT
CGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=$version-local" -o "$bin" .
for host in registry.terraform.io registry.opentofu.org; do
  dir="$HOME/.terraform.d/plugins/$host/$PROVIDER_NAMESPACE/$PROVIDER_TYPE/$version/$os_arch"
  mkdir -p "$dir"
  cp "$bin" "$dir/"
  echo "installed $dir/$(basename "$bin")"
done
