#!/usr/bin/env bash
# The guide "Bring an existing organization under Terraform", end to end,
# on the emulator (run by `make test`): an organization already publishes
# ADOPT_DATASETS datasets (default 30) of 3 files each (two links, one
# uploaded file), made with the portal's API as a curl script would, and
# one it deleted (never listed, so never imported and restored). Then, as
# the guide says:
#   1. the datagouv_datasets data source lists them and an output renders
#      one import block per dataset and per file;
#   2. `plan -generate-config-out` writes their configuration; hosted files'
#      blocks fail as documented ("file_hash needs file_path");
#   3. the documented edit (delete url, file_hash, checksum, format, mime,
#      filesize; set file_path, generated as null) is applied to those blocks;
#   4. the plan imports everything and changes only file_path (one update
#      per hosted file, nothing created or destroyed), apply uploads nothing,
#      and the next plan is empty;
#   5. a dataset renamed through the API (a new slug): the plan sets its
#      title back in place, apply deletes nothing, the next plan is empty.
# With Terraform or OpenTofu 1.7 and later, the for_each variant (2b) too,
# with a rename between two applies that plans nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/local-provider.sh
. scripts/local-provider.sh
# shellcheck source=scripts/emulator.sh
. scripts/emulator.sh

count=${ADOPT_DATASETS:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/datagouv-adoption.XXXXXX")
cleanup() {
  stop_emulator
  if [ -n "${ADOPT_KEEP:-}" ]; then echo "kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "adoption-check: $*" >&2; exit 1; }

local_provider_setup "$work/provider"
start_emulator "$work/emulator"
export DATAGOUV_BASE_URL=$emulator_base DATAGOUV_API_KEY=$emulator_key
api=$emulator_base/api/1
call() { curl -sS --fail-with-body -H "X-API-KEY: $emulator_key" "$@"; }
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# datasets_total counts the organization's datasets the listing gives for
# the filter (deleted=true or false).
datasets_total() { call "$api/datasets/?organization=$emulator_org&page_size=1&$1" | field total; }
# nothing_deleted fails unless the organization still has its $count datasets
# and the one it deleted before the adoption alone is deleted.
nothing_deleted() {
  local live deleted
  live=$(datasets_total deleted=false) deleted=$(datasets_total deleted=true)
  if [ "$live" != "$count" ] || [ "$deleted" != 1 ]; then
    fail "$1: the organization has $live live and $deleted deleted dataset(s), want $count and 1"
  fi
}
# rename changes a dataset's title (and so its slug) as the web interface
# does; its form sends the tags too (udata's PUT clears absent ones).
rename() {
  call -H 'Content-Type: application/json' -X PUT "$api/datasets/$1/" -d "{\"title\": \"$2\", \"tags\": [\"adopt-me\"]}" >/dev/null
}
# uploads counts the upload requests the emulator has answered (its log).
uploads() {
  emulator_control GET requests | python3 -c \
    'import json, sys; print(sum(1 for r in json.load(sys.stdin) if r["method"] == "POST" and "/upload/" in r["path"]))'
}

echo "== an organization that already publishes $count datasets of 3 files"
mkdir -p "$work/config/files"
for i in $(seq 1 "$count"); do
  ds=$(call -H 'Content-Type: application/json' -X POST "$api/datasets/" \
    -d "{\"title\": \"Adopted dataset $i\", \"description\": \"Published before Terraform.\", \"organization\": \"$emulator_org\", \"tags\": [\"adopt-me\"]}" | field id)
  for kind in stations mesures; do
    call -H 'Content-Type: application/json' -X POST "$api/datasets/$ds/resources/" \
      -d "{\"title\": \"$kind $i\", \"url\": \"https://data.example.org/$i/$kind.csv\", \"filetype\": \"remote\", \"type\": \"main\"}" >/dev/null
  done
  printf 'annee,valeur\n2024,%s\n' "$i" >"$work/upload.csv"
  rid=$(call -X POST -F "file=@$work/upload.csv;filename=releve-$i.csv" "$api/datasets/$ds/upload/" | field id)
  # The producer's own copy of the uploaded file, as file_path names it.
  cp "$work/upload.csv" "$work/config/files/$rid.csv"
  [ "$i" != 1 ] || first=$ds
done
echo "== and one dataset it deleted"
gone=$(call -H 'Content-Type: application/json' -X POST "$api/datasets/" \
  -d "{\"title\": \"Deleted dataset\", \"description\": \"Deleted before Terraform.\", \"organization\": \"$emulator_org\", \"tags\": [\"adopt-me\"]}" | field id)
call -X DELETE "$api/datasets/$gone/" >/dev/null
nothing_deleted "before the adoption"
uploads_before=$(uploads)

cd "$work/config"
cat >main.tf <<EOF
terraform {
  required_providers {
    datagouv = { source = "$PROVIDER_ADDRESS" }
  }
}
EOF

echo "== 1. list the catalogue and render the import blocks"
cat >list.tf <<EOF
data "datagouv_datasets" "catalogue" {
  organization = "$emulator_org"
}

output "imports" {
  value = join("", concat(
    [for d in data.datagouv_datasets.catalogue.datasets :
    "import {\n  to = datagouv_dataset.dataset_\${d.id}\n  id = \"\${d.id}\"\n}\n"],
    flatten([for d in data.datagouv_datasets.catalogue.datasets : [for r in d.resource_ids :
    "import {\n  to = datagouv_resource.file_\${replace(r, "-", "_")}\n  id = \"\${d.id}/\${r}\"\n}\n"]]),
  ))
}
EOF
"$TF" init -input=false >/dev/null
"$TF" apply -input=false -no-color -auto-approve >/dev/null
"$TF" output -raw imports >imports.tf
rm list.tf
blocks=$(grep -c '^import {' imports.tf)
[ "$blocks" = $((count * 4)) ] || fail "rendered $blocks import blocks, want $((count * 4))"

echo "== 2. plan -generate-config-out (hosted files fail as documented)"
set +e
"$TF" plan -input=false -no-color -generate-config-out=generated.tf >plan1.log 2>&1
rc=$?
set -e
[ "$rc" != 0 ] || fail "the generated configuration of hosted files was expected to fail (file_hash needs file_path)"
grep -q "file_hash needs file_path" plan1.log || { cat plan1.log >&2; fail "the plan failed for another reason than the documented one"; }
[ "$(grep -c '^resource "datagouv_dataset"' generated.tf)" = "$count" ] || fail "generated.tf lacks datasets"
[ "$(grep -c '^resource "datagouv_resource"' generated.tf)" = $((count * 3)) ] || fail "generated.tf lacks files"

echo "== 3. the documented edit of the hosted files' blocks"
python3 - generated.tf <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
blocks = re.split(r'(?m)^(?=# __generated__|resource ")', text)
out = []
for b in blocks:
    m = re.match(r'resource "datagouv_resource" "file_([0-9a-f_]+)"', b)
    if m and re.search(r'(?m)^\s+file_hash\s*=\s*"', b):
        lines, skip = [], 0
        for line in b.split('\n'):
            if skip:
                skip += line.count('{') - line.count('}')
                continue
            if re.match(r'\s+(url|file_hash|format|mime|filesize|file_path)\s*=', line):
                continue
            if re.match(r'\s+checksum\s*=', line):
                skip = line.count('{') - line.count('}')
                continue
            lines.append(line)
        b = '\n'.join(lines)
        rid = m.group(1).replace('_', '-')
        b = b.replace('{\n', '{\n  file_path = "files/%s.csv"\n' % rid, 1)
    out.append(b)
open(path, 'w').write(''.join(out))
PY

echo "== 4. import: only file_path changes, nothing uploaded, then an empty plan"
"$TF" plan -input=false -no-color -out=adopt.tfplan >plan2.log 2>&1 || { cat plan2.log >&2; fail "the edited configuration does not plan"; }
summary=$(grep -E '^Plan: ' plan2.log)
[ "$summary" = "Plan: $((count * 4)) to import, 0 to add, $count to change, 0 to destroy." ] || { cat plan2.log >&2; fail "unexpected plan: $summary"; }
changed=$("$TF" show -json adopt.tfplan | python3 -c '
import json, sys
plan = json.load(sys.stdin)
attrs = set()
for rc in plan["resource_changes"]:
    if "update" in rc["change"]["actions"]:
        before, after = rc["change"]["before"], rc["change"]["after"]
        attrs |= {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
print(",".join(sorted(attrs)))')
[ "$changed" = "file_path" ] || fail "the updates change $changed, want file_path alone"
"$TF" apply -input=false -no-color adopt.tfplan >/dev/null
uploads_after=$(uploads)
[ "$uploads_after" = "$uploads_before" ] || fail "the adoption uploaded $((uploads_after - uploads_before)) file(s), want none"
set +e
"$TF" plan -input=false -no-color -detailed-exitcode >plan3.log 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || { cat plan3.log >&2; fail "the plan after the adoption is not empty (exit $rc)"; }
nothing_deleted "after the adoption"

echo "== 5. a dataset renamed in the web interface: its title set back in place"
rename "$first" "Renamed in the web interface"
"$TF" plan -input=false -no-color -out=rename.tfplan >plan6.log 2>&1 || { cat plan6.log >&2; fail "the plan after a rename failed"; }
summary=$(grep -E '^Plan: ' plan6.log || true)
[ "$summary" = "Plan: 0 to add, 1 to change, 0 to destroy." ] || { cat plan6.log >&2; fail "unexpected plan after a rename: $summary"; }
grep -q "datagouv_dataset.dataset_$first will be updated in-place" plan6.log || { cat plan6.log >&2; fail "the rename is not planned as an update of dataset_$first"; }
"$TF" apply -input=false -no-color rename.tfplan >/dev/null
nothing_deleted "after the rename's apply"
set +e
"$TF" plan -input=false -no-color -detailed-exitcode >plan7.log 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || { cat plan7.log >&2; fail "the plan after the rename's apply is not empty (exit $rc)"; }
# The guide's section 2b: one import block and one resource with for_each,
# for CLIs that have them (Terraform and OpenTofu 1.7 and later).
if python3 -c 'import json, sys; v = json.load(sys.stdin)["terraform_version"]; sys.exit(0 if tuple(map(int, v.split("-")[0].split(".")[:2])) >= (1, 7) else 1)' \
  < <("$TF" version -json); then
  echo "== 2b. the for_each variant, in a configuration of its own"
  mkdir "$work/foreach" && cd "$work/foreach"
  cp ../config/main.tf .
  cat >adopt.tf <<EOF
data "datagouv_datasets" "catalogue" {
  organization = "$emulator_org"
  tag          = "adopt-me"
}

locals {
  datasets = { for d in data.datagouv_datasets.catalogue.datasets : d.id => d }
}

import {
  for_each = local.datasets
  to       = datagouv_dataset.adopted[each.key]
  id       = each.value.id
}

resource "datagouv_dataset" "adopted" {
  for_each     = local.datasets
  organization = "$emulator_org"
  title        = each.value.title
  description  = "…"
  tags         = ["adopt-me"]
  lifecycle {
    ignore_changes  = [description]
    prevent_destroy = true
  }
}
EOF
  "$TF" init -input=false >/dev/null
  "$TF" plan -input=false -no-color -out=foreach.tfplan >plan4.log 2>&1 || { cat plan4.log >&2; fail "the for_each variant does not plan"; }
  summary=$(grep -E '^Plan: ' plan4.log)
  [ "$summary" = "Plan: $count to import, 0 to add, 0 to change, 0 to destroy." ] || { cat plan4.log >&2; fail "unexpected plan (for_each): $summary"; }
  "$TF" apply -input=false -no-color foreach.tfplan >/dev/null
  set +e
  "$TF" plan -input=false -no-color -detailed-exitcode >plan5.log 2>&1
  rc=$?
  set -e
  [ "$rc" = 0 ] || { cat plan5.log >&2; fail "the plan after the for_each adoption is not empty (exit $rc)"; }
  echo "== 2b: a dataset renamed between two applies: same key, nothing planned"
  rename "$first" "Renamed again in the web interface"
  "$TF" apply -input=false -no-color -auto-approve >apply2b.log 2>&1 || { cat apply2b.log >&2; fail "the apply after a rename (for_each) failed"; }
  grep -q "Apply complete! Resources: 0 added, 0 changed, 0 destroyed." apply2b.log || { cat apply2b.log >&2; fail "the apply after a rename (for_each) changed something"; }
  nothing_deleted "after the rename (for_each)"
  set +e
  "$TF" plan -input=false -no-color -detailed-exitcode >plan8.log 2>&1
  rc=$?
  set -e
  [ "$rc" = 0 ] || { cat plan8.log >&2; fail "the plan after the rename (for_each) is not empty (exit $rc)"; }
  echo "== 2b: $count datasets imported with for_each, renamed, nothing deleted, next plan empty"
fi

echo "adoption-check: ok ($count datasets, $((count * 3)) files adopted with $(basename "$TF"); $count updates of file_path alone, no upload," \
  "a deleted dataset left alone, a rename updated in place, nothing deleted, next plan empty)"
