#!/usr/bin/env bash
# Part of the test command: fails when the registry docs would mislead.
#   - a provider, resource, data source, attribute or block has no description;
#   - a resource has no example, no import.sh or no import {} block example,
#     a data source has no example, or an example names something that does
#     not exist;
#   - an example is not `terraform fmt`-formatted or fails `terraform validate`
#     against the provider built from this tree;
#   - docs/ differs from what `make docs` generates now.
# Every problem is listed before it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-docs-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
fail() { echo "docs-check: $*" >&2; failures=$((failures + 1)); }

local_provider_setup "$work/provider"
provider_schema_json "$work/schema" "$work/schema.json"
address=$(schema_address "$work/schema.json")
schemacheck() { go run ./tools/schemacheck "$1" "$work/schema.json" "$address" "${@:2}"; }

echo "-- every attribute and block has a description"
schemacheck descriptions >&2 || fail "schema elements above have no description"

echo "-- every resource has an example and both import examples; every data source an example"
mapfile -t resources < <(schemacheck names resources)
mapfile -t data_sources < <(schemacheck names data-sources)
for r in "${resources[@]}"; do
  dir=examples/resources/$r
  [ -f "$dir/resource.tf" ] || fail "$r: missing $dir/resource.tf"
  grep -Eqs "^terraform import $r\.[A-Za-z0-9_-]+ [^ ]+" "$dir/import.sh" ||
    fail "$r: $dir/import.sh must hold a line 'terraform import $r.<name> <id>'"
  grep -Eqs "^[[:space:]]*to[[:space:]]*=[[:space:]]*$r\." "$dir/import-by-string-id.tf" ||
    fail "$r: $dir/import-by-string-id.tf must hold an import {} block with 'to = $r.<name>'"
done
for d in "${data_sources[@]}"; do
  [ -f "examples/data-sources/$d/data-source.tf" ] || fail "$d: missing examples/data-sources/$d/data-source.tf"
done
echo "-- the index page (templates/index.md.tmpl) links every resource and data source"
for r in "${resources[@]}"; do
  grep -Fqs "[\`$r\`](resources/${r#datagouv_}.md)" docs/index.md || fail "$r: docs/index.md does not link it: add it to templates/index.md.tmpl"
done
for d in "${data_sources[@]}"; do
  grep -Fqs "[\`$d\`](data-sources/${d#datagouv_}.md)" docs/index.md || fail "$d: docs/index.md does not link it: add it to templates/index.md.tmpl"
done
known() { local x=$1; shift; for k in "$@"; do [ "$k" = "$x" ] && return 0; done; return 1; }
for dir in examples/resources/*/; do
  [ -d "$dir" ] || continue
  known "$(basename "$dir")" "${resources[@]}" || fail "$dir: the provider has no resource $(basename "$dir")"
done
for dir in examples/data-sources/*/; do
  [ -d "$dir" ] || continue
  known "$(basename "$dir")" "${data_sources[@]}" || fail "$dir: the provider has no data source $(basename "$dir")"
done

echo "-- examples pass terraform fmt -check and terraform validate ($("$TF" version | head -n1))"
"$TF" fmt -check -recursive -diff examples >&2 || fail "examples are not formatted: run '$TF fmt -recursive examples'"
while IFS= read -r dir; do
  copy="$work/validate/$dir"
  mkdir -p "$copy"
  cp -R "$dir/." "$copy/"
  ensure_provider_source "$copy"
  if ! (cd "$copy" && "$TF" init -backend=false -input=false -no-color >init.log 2>&1); then
    cat "$copy/init.log" >&2
    fail "$dir: terraform init failed"
  elif ! (cd "$copy" && "$TF" validate -no-color >validate.log 2>&1); then
    cat "$copy/validate.log" >&2
    fail "$dir: terraform validate failed"
  else
    echo "   valid: $dir"
  fi
done < <(find examples -name '*.tf' -exec dirname {} \; | sort -u)

echo "-- the CI examples: actionlint on the GitHub Actions workflow (the rest: go test ./tools/cicheck)"
go tool -modfile=tools/actionlint/go.mod actionlint examples/ci/github/datagouv.yml >&2 || fail "examples/ci/github/datagouv.yml: actionlint found problems"

echo "-- docs/ is what 'make docs' generates"
if generate_docs "$work/schema.json" "$work/docs" "$work/render"; then
  diff -ru docs "$work/docs" >&2 || fail "docs/ is stale: run 'make docs' and commit docs/"
else
  fail "tfplugindocs could not render the docs"
fi

if [ "$failures" -gt 0 ]; then
  echo "docs-check: $failures problem(s)" >&2
  exit 1
fi
echo "docs-check: ok (${#resources[@]} resources, ${#data_sources[@]} data sources)"
