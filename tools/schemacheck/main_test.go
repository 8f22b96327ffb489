package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const addr = "registry.terraform.io/datagouv-community/datagouv"

// A schema shaped like the CLI's output, with one hole of each kind the check
// must find: a nested attribute, a block, a block's attribute, a data source.
const sample = `{"format_version":"1.0","provider_schemas":{"` + addr + `":{
 "provider":{"version":0,"block":{"description":"p","attributes":{"base_url":{"type":"string","description":"root"}}}},
 "resource_schemas":{"datagouv_dataset":{"version":0,"block":{"description":"d","attributes":{
   "title":{"type":"string","description":"t"},
   "temporal_coverage":{"description":"tc","nested_type":{"nesting_mode":"single","attributes":{
     "start":{"type":"string","description":"s"},"end":{"type":"string"}}}}},
   "block_types":{"timeouts":{"nesting_mode":"single","block":{"attributes":{"create":{"type":"string"}}}}}}}},
 "data_source_schemas":{"datagouv_licenses":{"version":0,"block":{"attributes":{"id":{"type":"string","description":"i"}}}}}}}}`

func writeSample(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(f, []byte(sample), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDescriptionsListsEveryHole(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"descriptions", writeSample(t), addr}, &out, &errOut); code != 1 {
		t.Fatalf("exit %d, want 1 (stderr: %s)", code, errOut.String())
	}
	want := strings.Join([]string{
		"resource datagouv_dataset: temporal_coverage.end",
		"resource datagouv_dataset: timeouts (block)",
		"resource datagouv_dataset: timeouts.create",
		"data source datagouv_licenses: (the data source itself)",
	}, "\n") + "\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestDescriptionsPassesWhenComplete(t *testing.T) {
	complete := `{"provider_schemas":{"` + addr + `":{"provider":{"block":{"description":"p"}},
	  "resource_schemas":{"datagouv_dataset":{"block":{"description":"d","attributes":{"id":{"description":"i"}}}}}}}}`
	f := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(f, []byte(complete), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"descriptions", f, addr}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errOut.String())
	}
}

func TestNamesAndRekey(t *testing.T) {
	f := writeSample(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"names", f, addr, "resources"}, &out, &errOut); code != 0 || out.String() != "datagouv_dataset\n" {
		t.Fatalf("names: exit %d, %q %s", code, out.String(), errOut.String())
	}

	rekeyed := filepath.Join(t.TempDir(), "rekeyed.json")
	if code := run([]string{"rekey", f, addr, "datagouv", rekeyed}, &out, &errOut); code != 0 {
		t.Fatalf("rekey: exit %d: %s", code, errOut.String())
	}
	out.Reset()
	if code := run([]string{"names", rekeyed, "datagouv", "data-sources"}, &out, &errOut); code != 0 || out.String() != "datagouv_licenses\n" {
		t.Fatalf("names after rekey: exit %d, %q %s", code, out.String(), errOut.String())
	}
}

func TestUnknownProviderIsAnError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"descriptions", writeSample(t), "registry.terraform.io/hashicorp/datagouv"}, &out, &errOut); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), addr) {
		t.Errorf("the error should list the providers found: %s", errOut.String())
	}
}
