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
# golangci-lint v2 (.golangci.yml), pinned in a module of its own so that
# its dependencies never change the provider's; built once by the Go
# toolchain, no download script.
go tool -modfile=tools/golangci-lint/go.mod golangci-lint run ./...

# The shell scripts: shellcheck (following sourced files). Installed with the
# system's package manager when missing, as CI's fresh machine needs.
if ! command -v shellcheck >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "lint: installing shellcheck (apt-get)" >&2
    apt-get install -y -qq shellcheck >/dev/null || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
  else
    echo "lint: shellcheck is missing: install it (apt-get install shellcheck, brew install shellcheck, or https://github.com/koalaman/shellcheck#installing)" >&2
    exit 1
  fi
fi
shellcheck -x scripts/*.sh

echo "lint: ok"
