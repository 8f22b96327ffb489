#!/usr/bin/env bash
# `make docs`: regenerates docs/ with tfplugindocs from the provider's schema
# descriptions, examples/ and templates/. docs/ is committed; the test command
# (scripts/docs-check.sh) fails when it is stale.
#
# The schema comes from the provider built from this tree, read through the
# project's CLI (scripts/terraform-cli.sh) with a private CLI configuration:
# tfplugindocs gets it as a file and never downloads Terraform.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT

local_provider_setup "$work/provider"
provider_schema_json "$work/schema" "$work/schema.json"
generate_docs "$work/schema.json" "$PWD/docs" "$work/render"
echo "docs: regenerated docs/ ($(find docs -name '*.md' | wc -l | tr -d ' ') pages)"
