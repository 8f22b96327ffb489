#!/usr/bin/env bash
# Formatting, vet and the project's own rules. Fails on the first problem.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(git ls-files -z --cached --others --exclude-standard '*.go' | xargs -0 gofmt -l)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
fi

go vet ./...

# The provider is built on terraform-plugin-framework only: SDKv2 must never
# come back, not even indirectly.
# (terraform-plugin-testing requires it indirectly, so look at our imports
# and at go.mod's direct requirements, not at the whole module graph.)
if grep -rn --include='*.go' 'terraform-plugin-sdk' . || grep -E '^\s*github.com/hashicorp/terraform-plugin-sdk\S* v\S+$' go.mod; then
  echo "SDKv2 is not to be used: build on terraform-plugin-framework instead" >&2; exit 1
fi

# The API client carries no Terraform types, and the emulator shares no code
# with the client (a shared mistake would pass every test).
if go list -deps ./internal/client | grep -q 'hashicorp/terraform-plugin'; then
  echo "internal/client must not depend on Terraform packages" >&2; exit 1
fi
if go list -deps ./internal/emulator ./cmd/datagouv-emulator | grep -q 'terraform-provider-datagouv/internal/\(client\|provider\)'; then
  echo "internal/emulator must not import the client or the provider" >&2; exit 1
fi

# A file of internal/provider that serves several types (a common_* file,
# or one named for its concept) depends on no type's file (DESIGN.md, "File
# names"): what it needs of a type belongs in a common_* file. A type's files
# are those named for it (datagouv_<type>'s <type>_*.go, its data sources'
# and listing's); a few serve one type under a concept name and may use it:
# provider.go (registers every type), spatial_geometry.go (the dataset's),
# local_file*.go and hosted_file_destroy.go (datagouv_resource's).
mapfile -t provider_files < <(git ls-files --cached --others --exclude-standard 'internal/provider/*.go' | grep -v '_test\.go$')
type_pattern='/((datasets?|dataservices?|contact_points?|resource|file_order|licenses|frequencies)_|organization_data_source\.go$)'
mapfile -t type_list < <(printf '%s\n' "${provider_files[@]}" | grep -E "$type_pattern")
mapfile -t shared_list < <(printf '%s\n' "${provider_files[@]}" | grep -Ev "$type_pattern" |
  grep -Ev '/(provider|spatial_geometry|hosted_file_destroy|local_file[a-z_]*)\.go$')
# The type files' top-level names (functions, types, variables, constants;
# not methods).
type_names=$(awk '
  /^(var|const|type) \($/ { block = 1; next }
  block && /^\)/ { block = 0; next }
  block && /^\t[A-Za-z_][A-Za-z0-9_]*/ { sub(/^\t/, ""); split($0, w, /[^A-Za-z0-9_]/); print w[1]; next }
  /^func [A-Za-z_]/ { sub(/^func /, ""); split($0, w, /[^A-Za-z0-9_]/); print w[1]; next }
  /^(var|const|type) [A-Za-z_]/ { split($2, w, /[^A-Za-z0-9_]/); print w[1] }
' "${type_list[@]}" | grep -v '^_$' | sort -u)
for f in "${shared_list[@]}"; do
  # Comments may name a type's file or function; code may not use one.
  if used=$(sed 's://.*$::' "$f" | grep -owFf <(echo "$type_names") | sort -u) && [ -n "$used" ]; then
    echo "$f serves several types but uses a type's file (move what it uses to a common_* file): ${used//$'\n'/ }" >&2; exit 1
  fi
done

# Every shell script passes shellcheck (following what it sources); the
# examples' import.sh are a user's shell commands, shown as they are in the
# docs (no shebang). Installed with the system's package manager when
# missing and allowed (CI's fresh machine); elsewhere a machine needs only
# Go, make and git (README): without shellcheck this check says so in one
# line and the rest runs.
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "lint: installing shellcheck (apt-get)" >&2
  apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; } || true
fi
if command -v shellcheck >/dev/null; then
  mapfile -t scripts < <(git ls-files --cached --others --exclude-standard '*.sh' | grep -v '^examples/')
  shellcheck -x "${scripts[@]}"
  shellcheck -s sh examples/resources/*/import.sh
else
  echo "lint: shellcheck is not installed, the scripts are not checked (apt-get install shellcheck)" >&2
fi

# golangci-lint v2 (.golangci.yml), pinned in a module of its own so that
# its dependencies never change the provider's; built once by the Go
# toolchain, no download script.
go tool -modfile=tools/golangci-lint/go.mod golangci-lint run ./...

echo "lint: ok"
