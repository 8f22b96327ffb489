# shellcheck shell=bash
# Sourced by scripts/bench-scale.sh: HashiCorp's random provider, the floor a
# plan of ours is compared with (the framework and the CLI, no I/O), built
# offline from the Go module proxy and served from the same filesystem mirror
# as ours (local_provider_setup must have run).
#
#   random_provider_setup   builds it once into ~/.cache/terraform-provider-datagouv/
#                           (about 2 minutes), copies it into the mirror and
#                           adds hashicorp/random to TF_CLI_CONFIG_FILE's mirror.
#
# The module proxy serves the provider's main branch only as a pseudo-version
# of a module path it does not declare (the repository's go.mod still says
# github.com/terraform-providers/…, and its tags are v3 without /v3): `go
# install …@version` refuses it, so the module is downloaded and built in a
# copy of its folder. This commit uses terraform-plugin-framework v1.19.0,
# the same as ours.
RANDOM_MODULE=github.com/hashicorp/terraform-provider-random
RANDOM_MODULE_VERSION=v1.3.2-0.20260824155315-e1092b0cfc07
# The version the mirror announces (any will do: the configuration asks for
# none); the main branch after 3.7.2.
RANDOM_VERSION=3.7.99

random_provider_setup() {
  local cache=${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-datagouv/random-$RANDOM_MODULE_VERSION
  local bin=$cache/terraform-provider-random mod src mirror target
  if [ ! -x "$bin" ]; then
    mod=$(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "$RANDOM_MODULE@$RANDOM_MODULE_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    src=$(mktemp -d)
    cp -r "$mod/." "$src/"
    chmod -R u+w "$src"
    mkdir -p "$cache"
    (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" .) && mv "$bin.tmp" "$bin"
    rm -rf "$src"
  fi
  mirror=$(sed -n 's/^ *path *= *"\(.*\)"$/\1/p' "$TF_CLI_CONFIG_FILE" | head -n1)
  target=$mirror/registry.terraform.io/hashicorp/random/$RANDOM_VERSION/$(go env GOOS)_$(go env GOARCH)
  mkdir -p "$target"
  cp "$bin" "$target/terraform-provider-random_v$RANDOM_VERSION"
  # The mirror serves hashicorp/random too (nothing is downloaded).
  sed -i 's|^\( *include = \[\)|\1"registry.terraform.io/hashicorp/random", |' "$TF_CLI_CONFIG_FILE"
}
