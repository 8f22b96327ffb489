#!/usr/bin/env bash
# `make release-check`: validates .goreleaser.yml with goreleaser itself and
# builds every archive of a release locally (snapshot version, no signing, no
# publishing). Not part of `make test`: it builds a binary per platform.
# The artifacts go to $RELEASE_DIST (default: a folder under /tmp), so the
# work tree stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."

GORELEASER_VERSION=${GORELEASER_VERSION:-v2.15.1}
dist=${RELEASE_DIST:-${TMPDIR:-/tmp}/terraform-provider-datagouv-dist}
goreleaser() { GOFLAGS= go run "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION" "$@"; }

echo "== goreleaser check"
goreleaser check

# The same configuration, with only the output folder moved out of the tree.
config=$(mktemp "${TMPDIR:-/tmp}/goreleaser.XXXXXX.yml")
trap 'rm -f "$config"' EXIT
{ cat .goreleaser.yml; printf '\ndist: %s\n' "$dist"; } >"$config"

echo "== goreleaser release --snapshot --clean --skip=sign,publish (into $dist)"
goreleaser release --config "$config" --snapshot --clean --skip=sign,publish

echo "== artifacts"
sums=$(ls "$dist"/*_SHA256SUMS)
(cd "$dist" && ls -1 ./*.zip ./*_SHA256SUMS)
grep -q '_manifest.json$' "$sums" || { echo "$sums does not list the registry manifest" >&2; exit 1; }
(cd "$dist" && sha256sum --check --quiet "$(basename "$sums")") || { echo "checksums do not match the archives" >&2; exit 1; }
echo "release-check: ok ($(ls "$dist"/*.zip | wc -l | tr -d ' ') archives; $(basename "$sums") covers them and the manifest)"
