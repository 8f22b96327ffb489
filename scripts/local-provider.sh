# shellcheck shell=bash
# Sourced by scripts/demo.sh, docs.sh and docs-check.sh: the one way the
# project runs the Terraform CLI against the provider built from this tree.
#
#   local_provider_setup DIR
#
# builds the provider into a filesystem mirror under DIR, writes DIR/terraformrc
# (the user's own CLI configuration is never read: no credentials, mirrors or
# dev_overrides of theirs change what we do), and exports:
#   TF                   the CLI (scripts/terraform-cli.sh: Terraform 1.5.7 or $TF_ACC_TERRAFORM_PATH)
#   TF_CLI_CONFIG_FILE   DIR/terraformrc
#   PROVIDER_VERSION     the version the mirror holds (the newest in CHANGELOG.md)
#   PROVIDER_ADDRESS     registry.terraform.io/datagouv-community/datagouv
#
# A filesystem mirror rather than dev_overrides: `terraform init` then works
# as it does for a user (lock file, version constraints), with Terraform and
# with OpenTofu, which resolves the same source on registry.opentofu.org.

PROVIDER_NAMESPACE=datagouv-community
PROVIDER_TYPE=datagouv
PROVIDER_ADDRESS=registry.terraform.io/$PROVIDER_NAMESPACE/$PROVIDER_TYPE

repo_root() { (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); }

# The version under "## X.Y.Z" at the top of CHANGELOG.md.
provider_version() {
  local v
  v=$(sed -n 's/^## \([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' "$(repo_root)/CHANGELOG.md" | head -n1)
  echo "${v:-0.0.1}"
}

local_provider_setup() {
  local dir=$1 root os_arch host target
  root=$(repo_root)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  # DATAGOUV_CLI picks another CLI of scripts/terraform-cli.sh
  # (terraform-latest, tofu).
  TF=$("$root/scripts/terraform-cli.sh" ${DATAGOUV_CLI:+"$DATAGOUV_CLI"})
  PROVIDER_VERSION=$(provider_version)
  os_arch="$(go env GOOS)_$(go env GOARCH)"

  local bin="$dir/bin/terraform-provider-${PROVIDER_TYPE}_v$PROVIDER_VERSION"
  (cd "$root" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-X main.version=$PROVIDER_VERSION-local" -o "$bin" .)

  for host in registry.terraform.io registry.opentofu.org; do
    target="$dir/mirror/$host/$PROVIDER_NAMESPACE/$PROVIDER_TYPE/$PROVIDER_VERSION/$os_arch"
    mkdir -p "$target"
    cp "$bin" "$target/"
  done

  cat >"$dir/terraformrc" <<RC
# Written by scripts/local-provider.sh: the provider comes from this mirror
# only; nothing is downloaded.
provider_installation {
  filesystem_mirror {
    path    = "$dir/mirror"
    include = ["registry.terraform.io/$PROVIDER_NAMESPACE/$PROVIDER_TYPE", "registry.opentofu.org/$PROVIDER_NAMESPACE/$PROVIDER_TYPE"]
  }
}
RC
  export TF TF_CLI_CONFIG_FILE="$dir/terraformrc" PROVIDER_VERSION PROVIDER_ADDRESS
  export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
  unset TF_PLUGIN_CACHE_DIR TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_plan TF_CLI_ARGS_apply
}

# Adds zz_required_providers.tf to a copy of an example that names no provider
# source (resource and data-source snippets in the docs stay short), so that
# the CLI looks for datagouv-community/datagouv rather than hashicorp/datagouv.
ensure_provider_source() {
  local dir=$1
  if ! grep -qs 'required_providers' "$dir"/*.tf; then
    cat >"$dir/zz_required_providers.tf" <<TF
terraform {
  required_providers {
    $PROVIDER_TYPE = {
      source = "$PROVIDER_NAMESPACE/$PROVIDER_TYPE"
    }
  }
}
TF
  fi
}

# Writes the provider's schema (`providers schema -json`) to FILE, using a
# throw-away configuration in DIR.
provider_schema_json() {
  local dir=$1 file=$2
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    $PROVIDER_TYPE = {
      source = "$PROVIDER_NAMESPACE/$PROVIDER_TYPE"
    }
  }
}
TF
  (cd "$dir" && "$TF" init -input=false -no-color >init.log 2>&1) || { cat "$dir/init.log" >&2; return 1; }
  (cd "$dir" && "$TF" providers schema -json) >"$file"
}

# The schema is keyed by the address the CLI resolved: registry.opentofu.org
# under OpenTofu.
schema_address() {
  local file=$1
  if grep -q "\"registry.opentofu.org/$PROVIDER_NAMESPACE/$PROVIDER_TYPE\"" "$file"; then
    echo "registry.opentofu.org/$PROVIDER_NAMESPACE/$PROVIDER_TYPE"
  else
    echo "$PROVIDER_ADDRESS"
  fi
}

# Renders the docs with tfplugindocs into OUTDIR (replaced), from SCHEMA
# (provider_schema_json's output), examples/ and templates/. tfplugindocs
# works on a copy in WORK, and gets the schema as a file
# (--providers-schema), so it neither builds the provider nor downloads a CLI.
generate_docs() {
  local schema=$1 outdir=$2 work=$3 root
  root=$(repo_root)
  mkdir -p "$work/site"
  cp -R "$root/examples" "$root/templates" "$work/site/"
  # tfplugindocs looks the schema up under the provider's short name.
  (cd "$root" && go run ./tools/schemacheck rekey "$schema" "$(schema_address "$schema")" "$PROVIDER_TYPE" "$work/tfplugindocs-schema.json")
  (cd "$root" && go tool tfplugindocs generate \
    --provider-dir "$work/site" \
    --provider-name "$PROVIDER_TYPE" \
    --providers-schema "$work/tfplugindocs-schema.json" \
    --rendered-website-dir docs) >"$work/tfplugindocs.log" 2>&1 || { cat "$work/tfplugindocs.log" >&2; return 1; }
  (cd "$root" && go tool tfplugindocs validate \
    --provider-dir "$work/site" \
    --provider-name "$PROVIDER_TYPE" \
    --providers-schema "$work/tfplugindocs-schema.json") >"$work/tfplugindocs-validate.log" 2>&1 || { cat "$work/tfplugindocs-validate.log" >&2; return 1; }
  # tfplugindocs warns (without failing) about templates or examples that
  # name a resource the provider does not have: a typo that must not ship.
  if grep -i 'does not exist' "$work/tfplugindocs.log" >&2; then
    echo "tfplugindocs: a template or example names a resource or data source the provider does not have" >&2
    return 1
  fi
  rm -rf "$outdir"
  mkdir -p "$(dirname "$outdir")"
  cp -R "$work/site/docs" "$outdir"
}
