package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// The adoption guide's query path (Terraform 1.14 and later), as a user
// runs it: `terraform query -generate-config-out` on an organization's
// catalogue, the documented file_path step on uploaded files, then a plan
// that imports everything and changes file_path alone, an apply that
// writes and uploads nothing, an empty plan, and a dataset renamed on the
// portal afterwards planned as one update in place.

// adoptionQuery is the guide's .tfquery.hcl: every list of the organization.
func adoptionQuery(org string) string {
	out := ""
	for _, typ := range []string{"datagouv_contact_point", "datagouv_dataservice", "datagouv_dataset", "datagouv_resource"} {
		out += fmt.Sprintf(`list %q "catalogue" {
  provider = datagouv
  limit    = 1000
  config {
    organization = %q
  }
}
`, typ, org)
	}
	return out
}

var (
	generatedFileBlock = regexp.MustCompile(`(?s)resource "datagouv_resource" "(\w+)" \{\n(.*?)\n\}\n`)
	// The arguments the portal derives from a hosted file, and its
	// generated file_path = null (checksum = { … } spans three lines).
	derivedFromUpload = regexp.MustCompile(`(?m)^\s+(url|file_hash|format|mime|filesize|file_path)\s*=.*\n|^\s+checksum\s*=\s*\{\n(?:.*\n)*?\s*\}\n`)
)

// withFilePaths applies the guide's step to the generated configuration:
// in the block of each uploaded file (it has a file_hash), the arguments
// the portal derives from the file are deleted and file_path names the
// producer's copy, filesDir/<resource id>.csv.
func withFilePaths(t *testing.T, generated, filesDir string) (string, int) {
	t.Helper()
	edited := 0
	out := generatedFileBlock.ReplaceAllStringFunc(generated, func(block string) string {
		if !strings.Contains(block, "file_hash") {
			return block
		}
		name := generatedFileBlock.FindStringSubmatch(block)[1]
		id := regexp.MustCompile(`(?s)to\s+= datagouv_resource\.` + name + `\n.*?\bid\s+= "([^"]+)"`).FindStringSubmatch(generated)
		if id == nil {
			t.Fatalf("no import block for datagouv_resource.%s in the generated configuration", name)
		}
		edited++
		body := derivedFromUpload.ReplaceAllString(block+"\n", "")
		return strings.Replace(body, "{\n", fmt.Sprintf("{\n  file_path = %q\n", filepath.Join(filesDir, id[1]+".csv")), 1)
	})
	return out, edited
}

// queryDir is a working directory initialized for `terraform query`: the
// provider block and query, the .tfquery.hcl file.
func queryDir(t *testing.T, query string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"main.tf": "provider \"datagouv\" {}\n", "adopt.tfquery.hcl": query} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	acctest.RunCLI(t, dir, "init", "-input=false")
	return dir
}

// planChange is one resource change of `terraform show -json`'s plan.
type planChange struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Change  struct {
		Actions   []string       `json:"actions"`
		Importing any            `json:"importing"`
		Before    map[string]any `json:"before"`
		After     map[string]any `json:"after"`
	} `json:"change"`
}

// changedAttributes are the attributes whose value the change alters.
func (c planChange) changedAttributes() []string {
	var out []string
	for k, v := range c.Change.After {
		b, _ := json.Marshal(v)
		a, _ := json.Marshal(c.Change.Before[k])
		if string(a) != string(b) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// savedPlan plans into dir/name and returns its resource changes.
func savedPlan(t *testing.T, log *acctest.Log, dir, name string) []planChange {
	t.Helper()
	log.RunCLI(t, dir, "plan", "-input=false", "-out="+name)
	var plan struct {
		ResourceChanges []planChange `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(log.RunCLI(t, dir, "show", "-json", name)), &plan); err != nil {
		t.Fatalf("terraform show -json %s: %v", name, err)
	}
	return plan.ResourceChanges
}

func TestAccAdoption_query(t *testing.T) {
	acctest.RequireQueryCLI(t)
	datasets := 30
	if n, err := strconv.Atoi(os.Getenv("ADOPT_DATASETS")); err == nil && n > 0 {
		datasets = n // fewer while developing
	}
	cat := acctest.PublishCatalogue(t, datasets, 3, 2)
	log := acctest.NewLog(t) // the provider's requests, and no other test's
	dir := queryDir(t, adoptionQuery(cat.OrgID))

	start, before := time.Now(), len(log.Requests())
	log.RunCLI(t, dir, "query", "-generate-config-out=generated.tf")
	raw, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	generated, edited := withFilePaths(t, string(raw), cat.FilesDir)
	if edited != len(cat.Datasets) {
		t.Fatalf("the generated configuration has %d uploaded files, want %d", edited, len(cat.Datasets))
	}
	if err := os.WriteFile(filepath.Join(dir, "generated.tf"), []byte(generated), 0o600); err != nil {
		t.Fatal(err)
	}

	// Everything imported, nothing created or deleted; the only updates
	// write file_path into the state of the uploaded files.
	imports := map[string]int{}
	for _, c := range savedPlan(t, log, dir, "adopt.tfplan") {
		if c.Change.Importing == nil {
			t.Errorf("%s is planned %v without an import", c.Address, c.Change.Actions)
			continue
		}
		imports[c.Type]++
		switch actions := strings.Join(c.Change.Actions, ","); {
		case actions == "no-op":
		case actions == "update" && c.Type == "datagouv_resource" && slices.Equal(c.changedAttributes(), []string{"file_path"}):
		default:
			t.Errorf("%s is planned %s changing %v; want an import that changes nothing but an uploaded file's file_path", c.Address, actions, c.changedAttributes())
		}
	}
	want := map[string]int{"datagouv_dataset": len(cat.Datasets), "datagouv_resource": cat.Resources(),
		"datagouv_dataservice": len(cat.Dataservices), "datagouv_contact_point": len(cat.ContactPoints)}
	for typ, n := range want {
		if imports[typ] != n {
			t.Errorf("the plan imports %d %s, want %d", imports[typ], typ, n)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	log.RunCLI(t, dir, "apply", "-input=false", "adopt.tfplan")
	// -detailed-exitcode: 2 (changes) fails the test.
	log.RunCLI(t, dir, "plan", "-input=false", "-detailed-exitcode")
	reqs := log.Requests()[before:]
	elapsed := time.Since(start)
	if w := acctest.Writes(reqs); len(w) > 0 {
		t.Fatalf("the adoption wrote to the portal (%d requests, first %s %s); it must only read", len(w), w[0].Method, w[0].Path)
	}
	t.Logf("adoption (query path): %d datasets, %d requests, %.1fs", len(cat.Datasets), len(reqs), elapsed.Seconds())

	// Renamed in the web interface: one update in place, nothing else.
	renamed := cat.Datasets[0]
	acctest.OutOfBand(t, "PUT", "/api/1/datasets/"+renamed.ID+"/", map[string]any{"title": renamed.Title + " (renamed)", "tags": []string{"adopt-me"}}, 200)
	var changes []string
	for _, c := range savedPlan(t, log, dir, "rename.tfplan") {
		if actions := strings.Join(c.Change.Actions, ","); actions != "no-op" {
			changes = append(changes, fmt.Sprintf("%s %s %v", actions, c.Address, c.changedAttributes()))
		}
	}
	t.Logf("after the rename: %q", changes)
	if len(changes) != 1 || !strings.HasPrefix(changes[0], "update datagouv_dataset.") || !strings.Contains(changes[0], "title") {
		t.Fatalf("after a rename on the portal the plan is %q; want one update in place of the dataset's title", changes)
	}
}
