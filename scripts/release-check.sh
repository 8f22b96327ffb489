#!/usr/bin/env bash
# `make release-check`: validates .goreleaser.yml with goreleaser itself and
# builds every archive of a release locally (snapshot version, nothing
# published), then checks what the Terraform Registry checks: one zip per
# platform holding the provider binary alone, a SHA256SUMS file listing
# exactly those zips and the manifest, and a detached signature of it that
# verifies. It also checks the datagouv-emulator archives: the emulator
# binary in each, a signature of its own, none of them in SHA256SUMS. Not
# part of `make test`: it builds a binary per platform.
#
# With gpg installed, the snapshot is signed with a throw-away key made for
# the run (the release uses GPG_FINGERPRINT's); without it, signing is skipped.
# The artifacts go to $RELEASE_DIST (default: a folder under /tmp), so the
# work tree stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."

GORELEASER_VERSION=${GORELEASER_VERSION:-v2.15.1}
dist=${RELEASE_DIST:-${TMPDIR:-/tmp}/terraform-provider-datagouv-dist}
goreleaser() { GOFLAGS='' go run "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION" "$@"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/release-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "== goreleaser check"
goreleaser check

# The same configuration, with only the output folder moved out of the tree.
config=$tmp/goreleaser.yml
{ cat .goreleaser.yml; printf '\ndist: %s\n' "$dist"; } >"$config"

skip=publish
if command -v gpg >/dev/null 2>&1; then
  export GNUPGHOME=$tmp/gnupg
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'release-check <release-check@localhost>' ed25519 sign 1d 2>/dev/null
  GPG_FINGERPRINT=$(gpg --list-keys --with-colons | awk -F: '/^fpr/ { print $10; exit }')
  export GPG_FINGERPRINT
  echo "(signing with a throw-away key, $GPG_FINGERPRINT)"
else
  skip=sign,publish
  echo "(gpg not found: signing skipped)"
fi

echo "== goreleaser release --snapshot --clean --skip=$skip (into $dist)"
goreleaser release --config "$config" --snapshot --clean --skip="$skip"

echo "== artifacts"
sums=$(ls "$dist"/*_SHA256SUMS)
version=$(basename "$sums" _SHA256SUMS); version=${version#terraform-provider-datagouv_}
(cd "$dist" && ls -1 ./terraform-provider-datagouv_*.zip ./*_SHA256SUMS* ./datagouv-emulator_*)
shopt -s nullglob # an archive missing is counted as missing, not as its pattern
provider_zips=("$dist"/terraform-provider-datagouv_*.zip)
emulator_archives=("$dist"/datagouv-emulator_*.tar.gz "$dist"/datagouv-emulator_*.zip)

# SHA256SUMS lists the zips and the manifest, nothing else (a signature
# listed in it would mean it was rewritten after being signed).
unexpected=$(awk '{ print $2 }' "$sums" | grep -v -e '\.zip$' -e '_manifest\.json$' || true)
[ -z "$unexpected" ] || { echo "$sums lists unexpected files: $unexpected" >&2; exit 1; }
[ "$(grep -c '\.zip$' "$sums")" = "${#provider_zips[@]}" ] || { echo "$sums does not list exactly the provider zips" >&2; exit 1; }
if grep -q 'datagouv-emulator' "$sums"; then echo "$sums lists emulator archives (Terraform would put their hashes in lock files)" >&2; exit 1; fi
(cd "$dist" && sha256sum --check --quiet --ignore-missing "$(basename "$sums")") || { echo "checksums do not match the archives" >&2; exit 1; }
# The manifest is attached to the release under the name SHA256SUMS gives
# it, not copied to dist/: check its line against the file itself.
manifest_sum=$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)
grep -q "^$manifest_sum .*_manifest.json$" "$sums" || { echo "$sums has no or a wrong checksum for the manifest" >&2; exit 1; }

# The registry unpacks a zip into the plugin folder: the provider binary,
# nothing else.
for zip in "${provider_zips[@]}"; do
  content=$(unzip -Z1 "$zip")
  case "$content" in
  "terraform-provider-datagouv_v$version" | "terraform-provider-datagouv_v$version.exe") ;;
  *) echo "$(basename "$zip") holds $(echo "$content" | tr '\n' ' '), not the provider binary alone" >&2; exit 1 ;;
  esac
done

# One emulator archive per platform built, each holding the emulator.
[ "${#emulator_archives[@]}" -ge 6 ] || { echo "expected 6 datagouv-emulator archives, found ${#emulator_archives[@]}" >&2; exit 1; }
for archive in "${emulator_archives[@]}"; do
  case "$archive" in
  *.zip) content=$(unzip -Z1 "$archive") ;;
  *) content=$(tar -tzf "$archive") ;;
  esac
  grep -qx 'datagouv-emulator\(\.exe\)\?' <<<"$content" || { echo "$(basename "$archive") has no datagouv-emulator binary" >&2; exit 1; }
done

if [ "$skip" = publish ]; then
  gpg --batch --quiet --verify "$sums.sig" "$sums" 2>/dev/null || { echo "$sums.sig does not verify" >&2; exit 1; }
  echo "signature: $(basename "$sums").sig verifies"
  for archive in "${emulator_archives[@]}"; do
    gpg --batch --quiet --verify "$archive.sig" "$archive" 2>/dev/null || { echo "$(basename "$archive").sig does not verify" >&2; exit 1; }
  done
  echo "signatures: those of the ${#emulator_archives[@]} emulator archives verify"
fi

# -X main.version=<version> (the User-Agent's version) is in the binary.
grep -aq "$version" "$dist"/*_linux_amd64_v1/terraform-provider-datagouv_v"$version" ||
  { echo "the release binary does not carry its version $version" >&2; exit 1; }

echo "release-check: ok (${#provider_zips[@]} provider zips, ${#emulator_archives[@]} emulator archives for version $version)"
