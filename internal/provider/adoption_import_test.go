package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The guide "Bring an existing organization under Terraform", its
// import-block path, run with the tests' CLI as a user runs it (the guide's
// own commands, through acctest.RunCLI): an organization that published
// adoptDatasets() datasets of three files (two links, one uploaded file)
// and deleted one more before Terraform (and, for the first test, two
// dataservices and two contact points).

// TestAccAdoption_importBlocks: sections 2a and 4 of the guide, in one
// configuration. The data sources list the datasets (never the deleted
// one), dataservices and contact points, and the guide's outputs render one
// import block per object; `plan -generate-config-out` writes their
// configuration, the uploaded files' blocks failing as
// documented ("file_hash needs file_path"); after the documented edit the
// plan imports everything and changes only file_path, apply writes nothing
// to the portal, and the next plan is empty. A dataset then renamed through
// the API is updated in place (its title set back), nothing is deleted, and
// the plan after is empty.
func TestAccAdoption_importBlocks(t *testing.T) {
	n := adoptDatasets(t)
	// The catalogue TestAccAdoption_query adopts, and a log of the
	// provider's requests (no other test's).
	cat := acctest.PublishCatalogue(t, n, 3, 2)
	log := acctest.NewLog(t)
	dir := t.TempDir()
	start, before := time.Now(), len(log.Requests())

	// 1. The lists, and the import blocks rendered from them (sections 2a
	// and 4 at once).
	writeFile(t, filepath.Join(dir, "list.tf"), string(hclFile(catalogueDataSource(t, cat, ""),
		guideBlock(t, "output", []string{"imports"}, nil),
		organizationDataSource(t, cat, "datagouv_dataservices", "apis"),
		organizationDataSource(t, cat, "datagouv_contact_points", "contacts"),
		guideBlock(t, "output", []string{"more_imports"}, nil))))
	log.RunCLI(t, dir, "init", "-input=false")
	log.RunCLI(t, dir, "apply", "-input=false", "-auto-approve")
	imports := log.RunCLI(t, dir, "output", "-raw", "imports")
	moreImports := log.RunCLI(t, dir, "output", "-raw", "more_imports")
	if err := os.Remove(filepath.Join(dir, "list.tf")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "imports.tf"), imports)
	writeFile(t, filepath.Join(dir, "more-imports.tf"), moreImports)
	if got, want := strings.Count(imports, "import {"), n*4; got != want {
		t.Fatalf("the guide's output rendered %d import blocks, want %d (a dataset and its 3 files each):\n%s", got, want, imports)
	}
	others := len(cat.Dataservices) + len(cat.ContactPoints)
	if got := strings.Count(moreImports, "import {"); got != others {
		t.Fatalf("the guide's more_imports rendered %d import blocks, want %d (the dataservices and contact points):\n%s", got, others, moreImports)
	}
	if strings.Contains(imports, cat.DeletedDataset) {
		t.Fatalf("the deleted dataset %s is listed, so imported (and restored):\n%s", cat.DeletedDataset, imports)
	}

	// 2. The generated configuration: uploaded files fail as documented.
	out, code := log.RunCLIExit(t, dir, "plan", "-input=false", "-generate-config-out=generated.tf")
	if code == 0 || !strings.Contains(out, "file_hash needs file_path") {
		t.Fatalf("plan -generate-config-out: exit %d, want a failure saying \"file_hash needs file_path\" (the guide's words):\n%s", code, out)
	}
	generated := filepath.Join(dir, "generated.tf")

	// 3. The guide's edit of the uploaded files' blocks.
	editHostedFiles(t, generated, cat)

	// 4. Everything imported, only file_path changed, nothing written.
	log.RunCLI(t, dir, "plan", "-input=false", "-out=adopt.tfplan")
	plan := readPlan(t, log, dir, "adopt.tfplan")
	if want := (planCounts{imports: n*4 + others, updates: n, changed: "file_path"}); plan.counts() != want {
		t.Fatalf("the adoption's plan: %+v, want %+v (every object imported, file_path set on each uploaded file)", plan.counts(), want)
	}
	applied := len(log.Requests())
	log.RunCLI(t, dir, "apply", "-input=false", "adopt.tfplan")
	if writes := acctest.Writes(log.Requests()[applied:]); len(writes) != 0 {
		t.Fatalf("applying the adoption wrote to the portal (an upload is one): %v", writes)
	}
	planEmpty(t, log, dir, "after the adoption")
	t.Logf("adoption (import-block path): %d datasets, %d requests, %.1fs", n, len(log.Requests())-before, time.Since(start).Seconds())
	catalogueIntact(t, cat, "after the adoption")

	// 5. Renamed in the web interface (a new slug, same id): the title is
	// set back in place.
	renamed := cat.Datasets[0].ID
	renameDataset(t, renamed, "Renamed in the web interface")
	log.RunCLI(t, dir, "plan", "-input=false", "-out=rename.tfplan")
	plan = readPlan(t, log, dir, "rename.tfplan")
	c, addr := plan.counts(), "datagouv_dataset.dataset_"+renamed
	if c.imports+c.creates+c.deletes != 0 || !slices.Equal(plan.updated(), []string{addr}) || !slices.Contains(strings.Split(c.changed, ","), "title") {
		t.Fatalf("the plan after a rename: %+v, updating %v; want one update in place, of %s's title", c, plan.updated(), addr)
	}
	log.RunCLI(t, dir, "apply", "-input=false", "rename.tfplan")
	catalogueIntact(t, cat, "after the rename's apply")
	planEmpty(t, log, dir, "after the rename's apply")
}

// TestAccAdoption_forEach: section 2b of the guide (Terraform and OpenTofu
// 1.7 and later), with a tag filter on the data source and the tag in the
// resource, so that nothing differs: the plan imports every dataset and
// changes nothing, the next plan is empty; a dataset renamed through the
// API keeps its key (its id), and the next apply writes nothing.
func TestAccAdoption_forEach(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	if v := cliVersion(t, dir); v.less(1, 7) {
		t.Skipf("import blocks with for_each need Terraform or OpenTofu 1.7 or later; this CLI is %d.%d", v.major, v.minor)
	}
	n := adoptDatasets(t)
	cat := acctest.PublishCatalogue(t, n, 0, 0)
	log := acctest.NewLog(t) // the provider's requests, and no other test's
	resource := guideBlock(t, "resource", []string{"datagouv_dataset", "adopted"}, nil)
	resource.Body().SetAttributeValue("organization", cty.StringVal(cat.OrgID))
	resource.Body().SetAttributeValue("tags", cty.ListVal([]cty.Value{cty.StringVal("adopt-me")}))
	writeFile(t, filepath.Join(dir, "adopt.tf"), string(hclFile(
		catalogueDataSource(t, cat, "adopt-me"),
		guideBlock(t, "locals", nil, map[string]string{"datasets": "d.id => d"}),
		guideBlock(t, "import", nil, map[string]string{"for_each": "local.datasets", "to": "datagouv_dataset.adopted"}),
		resource,
	)))
	log.RunCLI(t, dir, "init", "-input=false")
	log.RunCLI(t, dir, "plan", "-input=false", "-out=foreach.tfplan")
	if c := readPlan(t, log, dir, "foreach.tfplan").counts(); c != (planCounts{imports: n}) {
		t.Fatalf("the for_each adoption's plan: %+v, want %d imports and nothing else", c, n)
	}
	log.RunCLI(t, dir, "apply", "-input=false", "foreach.tfplan")
	planEmpty(t, log, dir, "after the for_each adoption")

	renameDataset(t, cat.Datasets[0].ID, "Renamed again in the web interface")
	applied := len(log.Requests())
	log.RunCLI(t, dir, "apply", "-input=false", "-auto-approve")
	if writes := acctest.Writes(log.Requests()[applied:]); len(writes) != 0 {
		t.Fatalf("the apply after a rename (for_each) wrote to the portal: %v", writes)
	}
	catalogueIntact(t, cat, "after the rename (for_each)")
	planEmpty(t, log, dir, "after the rename (for_each)")
}

// adoptDatasets is how many datasets the adoption tests publish:
// ADOPT_DATASETS, 30 by default (the size the guide promises works).
func adoptDatasets(t *testing.T) int {
	t.Helper()
	v := os.Getenv("ADOPT_DATASETS")
	if v == "" {
		return 30
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("ADOPT_DATASETS=%q: want a number of datasets, 1 or more", v)
	}
	return n
}

// catalogueDataSource is the guide's data source, listing the catalogue's
// organization (with tag, when not empty).
func catalogueDataSource(t *testing.T, cat *acctest.Catalogue, tag string) *hclwrite.Block {
	t.Helper()
	b := organizationDataSource(t, cat, "datagouv_datasets", "catalogue")
	if tag != "" {
		b.Body().SetAttributeValue("tag", cty.StringVal(tag))
	}
	return b
}

// organizationDataSource is the guide's data source typ name, listing the
// catalogue's organization.
func organizationDataSource(t *testing.T, cat *acctest.Catalogue, typ, name string) *hclwrite.Block {
	t.Helper()
	b := guideBlock(t, "data", []string{typ, name}, nil)
	b.Body().SetAttributeValue("organization", cty.StringVal(cat.OrgID))
	return b
}

// editHostedFiles makes the edit the guide documents in each generated
// block of an uploaded file (the blocks with a file_hash): url, file_hash,
// checksum, format, mime and filesize deleted, file_path set to the
// producer's copy. It fails unless those blocks are exactly the
// catalogue's uploaded files, and unless every dataset and file has a block.
func editHostedFiles(t *testing.T, path string, cat *acctest.Catalogue) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("plan -generate-config-out wrote no configuration: %v", err)
	}
	f, diags := hclwrite.ParseConfig(raw, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	uploads := map[string]string{} // block name => resource id
	for _, d := range cat.Datasets {
		uploads["file_"+strings.ReplaceAll(d.Upload, "-", "_")] = d.Upload
	}
	count := map[string]int{}
	for _, b := range f.Body().Blocks() {
		if b.Type() != "resource" || len(b.Labels()) != 2 {
			continue
		}
		count[b.Labels()[0]]++
		hash := b.Body().GetAttribute("file_hash")
		if b.Labels()[0] != "datagouv_resource" || hash == nil || strings.TrimSpace(string(hash.Expr().BuildTokens(nil).Bytes())) == "null" {
			continue
		}
		id, ok := uploads[b.Labels()[1]]
		if !ok {
			t.Fatalf("generated block %v has a file_hash but is no uploaded file", b.Labels())
		}
		delete(uploads, b.Labels()[1])
		for _, name := range []string{"url", "file_hash", "checksum", "format", "mime", "filesize"} {
			b.Body().RemoveAttribute(name)
		}
		b.Body().SetAttributeValue("file_path", cty.StringVal(filepath.Join(cat.FilesDir, id+".csv")))
	}
	if len(uploads) != 0 || count["datagouv_dataset"] != len(cat.Datasets) || count["datagouv_resource"] != cat.Resources() {
		t.Fatalf("%s: %d datasets and %d files generated, want %d and %d; uploaded files without a file_hash: %v",
			path, count["datagouv_dataset"], count["datagouv_resource"], len(cat.Datasets), cat.Resources(), uploads)
	}
	if err := os.WriteFile(path, f.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// adoptionPlan is a saved plan, as `terraform show -json` gives it.
type adoptionPlan struct{ *tfjson.Plan }

// planCounts sums up a plan: its imports and actions, and (changed) the
// attributes its updates change, comma-separated.
type planCounts struct {
	imports, creates, updates, deletes int
	changed                            string
}

func readPlan(t *testing.T, log *acctest.Log, dir, file string) adoptionPlan {
	t.Helper()
	var p tfjson.Plan
	if err := json.Unmarshal([]byte(log.RunCLI(t, dir, "show", "-json", file)), &p); err != nil {
		t.Fatalf("show -json %s: %v", file, err)
	}
	return adoptionPlan{&p}
}

func (p adoptionPlan) counts() planCounts {
	var c planCounts
	changed := map[string]bool{}
	for _, rc := range p.ResourceChanges {
		if rc.Change.Importing != nil {
			c.imports++
		}
		switch {
		case rc.Change.Actions.Update():
			c.updates++
			before, _ := rc.Change.Before.(map[string]any)
			after, _ := rc.Change.After.(map[string]any)
			unknown, _ := rc.Change.AfterUnknown.(map[string]any)
			for k := range mergeKeys(before, after) {
				if fmt.Sprint(before[k]) != fmt.Sprint(after[k]) || unknown[k] == true {
					changed[k] = true
				}
			}
		case rc.Change.Actions.Create():
			c.creates++
		case rc.Change.Actions.Delete(), rc.Change.Actions.Replace():
			c.deletes++
		}
	}
	names := make([]string, 0, len(changed))
	for k := range changed {
		names = append(names, k)
	}
	slices.Sort(names)
	c.changed = strings.Join(names, ",")
	return c
}

// updated is the addresses the plan updates in place.
func (p adoptionPlan) updated() []string {
	var out []string
	for _, rc := range p.ResourceChanges {
		if rc.Change.Actions.Update() {
			out = append(out, rc.Address)
		}
	}
	return out
}

func mergeKeys(maps ...map[string]any) map[string]bool {
	keys := map[string]bool{}
	for _, m := range maps {
		for k := range m {
			keys[k] = true
		}
	}
	return keys
}

// planEmpty fails unless `plan -detailed-exitcode` in dir finds nothing to do.
func planEmpty(t *testing.T, log *acctest.Log, dir, when string) {
	t.Helper()
	if out, code := log.RunCLIExit(t, dir, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan %s is not empty (exit %d):\n%s", when, code, out)
	}
}

// renameDataset changes a dataset's title (and so its slug) as the web
// interface does; its form sends the tags too (udata's PUT clears absent
// ones).
func renameDataset(t *testing.T, id, title string) {
	t.Helper()
	acctest.OutOfBand(t, http.MethodPut, "/api/1/datasets/"+id+"/", map[string]any{"title": title, "tags": []string{"adopt-me"}}, http.StatusOK)
}

// catalogueIntact fails unless the catalogue's organization still lists its
// live datasets, and its deleted one alone as deleted: the adoption
// deleted nothing, and restored nothing.
func catalogueIntact(t *testing.T, cat *acctest.Catalogue, when string) {
	t.Helper()
	total := func(deleted bool) int {
		p, err := acctest.Client(t).Datasets.List(context.Background(), client.DatasetListOptions{Organization: cat.OrgID, PageSize: 1, Deleted: &deleted})
		if err != nil {
			t.Fatalf("list the organization's datasets (deleted=%t): %v", deleted, err)
		}
		return p.Total
	}
	if live, deleted := total(false), total(true); live != len(cat.Datasets) || deleted != 1 {
		t.Fatalf("%s: the organization has %d live and %d deleted dataset(s), want %d and 1", when, live, deleted, len(cat.Datasets))
	}
}

// version is a CLI's major and minor version.
type version struct{ major, minor int }

func (v version) less(major, minor int) bool {
	return v.major < major || v.major == major && v.minor < minor
}

// cliVersion asks the tests' CLI its version (Terraform and OpenTofu both
// answer terraform_version).
func cliVersion(t *testing.T, dir string) version {
	t.Helper()
	var out struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(acctest.RunCLI(t, dir, "version", "-json")), &out); err != nil {
		t.Fatalf("version -json: %v", err)
	}
	var v version
	if _, err := fmt.Sscanf(out.Version, "%d.%d", &v.major, &v.minor); err != nil {
		t.Fatalf("version -json: %q: %v", out.Version, err)
	}
	return v
}
