package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A local file that changes between plan and apply, during the upload, or
// that does not exist yet at plan.

// editFile is a pre-apply "plan check" that writes the file after the plan
// was saved and before it is applied: a user editing the file while
// reviewing the plan, or between `plan -out` and `apply`.
type editFile struct{ path, content string }

func (e editFile) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if err := os.WriteFile(e.path, []byte(e.content), 0o600); err != nil {
		resp.Error = err
	}
}

// A new resource's file is not read at plan (only opened): its file_hash
// is known after apply, and apply uploads the file as it is then, edited
// after the plan or not. (An existing resource's file is read at plan, and
// apply publishes those bytes or nothing: saved_plan_test.go.)
func TestAccResource_newFileEditedBeforeApply(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-edited")
	file := filepath.Join(t.TempDir(), "edited.csv")
	const planned, edited = "v,1\n", "v,2\nedited after plan\n"
	writeFile(t, file, planned)
	cfg := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = "Edited after plan"
  file_path = %q
`, file))
	var got ids
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionCreate,
					plancheck.ExpectUnknownValue(resAddr, tfjsonpath.New("file_hash")),
					editFile{file, edited},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(edited))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filesize"), knownvalue.Int64Exact(int64(len(edited)))),
				},
				Check: resource.ComposeTestCheckFunc(got.capture(), onPortal(t, &got, portalChecksum(sha1Hex(edited)))),
			},
		},
	})
}

// A plan that keeps the file (only the title changes) plans file_hash as
// the state's sha1. Edited before that plan is applied, the file is
// reported by the provider itself, on file_path, saying what to do, instead
// of Terraform's "inconsistent final plan ... a bug in the provider"; nothing
// is written, the portal keeps its title and file, and the next plan plans
// the upload.
func TestAccResource_fileChangedAfterPlanThatKeptIt(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-kept")
	file := filepath.Join(t.TempDir(), "kept.csv")
	const content, edited = "k,1\n", "k,2\nedited after plan\n"
	writeFile(t, file, content)
	cfg := func(title string) string {
		return resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = %q
  file_path = %q
`, title, file))
	}
	var got ids
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{Config: cfg("Kept"), Check: got.capture()},
			{
				PreConfig: func() { before = uploads(log) },
				Config:    cfg("Kept, renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(content))),
						editFile{file, edited},
					},
				},
				ExpectError: errorPattern("Local file changed since plan", file, sha1Hex(content), sha1Hex(edited),
					"nothing was written for this resource", "Run terraform plan (or apply) again"),
			},
			{
				PreConfig: func() {
					for _, check := range []func(*client.Resource) error{portalTitle("Kept"), portalChecksum(sha1Hex(content))} {
						if err := onPortal(t, &got, check)(nil); err != nil {
							t.Error(err)
						}
					}
					if n := uploads(log) - before; n != 0 {
						t.Errorf("%d upload requests, want none", n)
					}
				},
				Config: cfg("Kept, renamed"),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(edited))),
				),
				Check: resource.ComposeTestCheckFunc(
					onPortal(t, &got, portalTitle("Kept, renamed")), onPortal(t, &got, portalChecksum(sha1Hex(edited)))),
			},
		},
	})
}

// A re-upload plans only what changes: a file with the same extensions
// keeps format and mime known; another extension leaves them to the portal.
// After importing a hosted file, writing its file_path (same content) plans
// file_path only: no upload, no write, last_modified unchanged.
func TestAccResource_reuploadPlansOnlyWhatChanges(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-reupload")
	dir := t.TempDir()
	csv, json := filepath.Join(dir, "data.csv"), filepath.Join(dir, "data.json")
	writeFile(t, csv, "a\n1\n")
	writeFile(t, json, `{"a": 1}`)
	cfg := func(file string) string {
		return resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = "Re-uploaded"
  file_path = %q
`, file))
	}
	var got ids
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{Config: cfg(csv), Check: got.capture()},
			{
				PreConfig: func() { writeFile(t, csv, "a\n1\n2\n") },
				Config:    cfg(csv),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.StringExact("csv")),
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("mime"), knownvalue.StringExact("text/csv")),
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("title"), knownvalue.StringExact("Re-uploaded")),
					plancheck.ExpectUnknownValue(resAddr, tfjsonpath.New("filesize")),
				),
			},
			{
				Config: cfg(json),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectUnknownValue(resAddr, tfjsonpath.New("format")),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.StringExact("json")),
				},
			},
		},
	})
}

// planDiagnostics wraps the provider server to keep the diagnostics of
// every plan and resource validation, warnings included, with their
// attribute paths, which Terraform prints (or, for a nested attribute,
// places on the resource) but the testing framework does not expose.
type planDiagnostics struct {
	tfprotov6.ProviderServer
	mu    *sync.Mutex
	diags *[]*tfprotov6.Diagnostic
}

func (p planDiagnostics) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	resp, err := p.ProviderServer.ValidateResourceConfig(ctx, req)
	if resp != nil {
		p.mu.Lock()
		*p.diags = append(*p.diags, resp.Diagnostics...)
		p.mu.Unlock()
	}
	return resp, err
}

func (p planDiagnostics) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := p.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		p.mu.Lock()
		*p.diags = append(*p.diags, resp.Diagnostics...)
		p.mu.Unlock()
	}
	return resp, err
}

// A file_path that does not exist at plan: a warning on file_path names
// it (another resource may write it during the apply); still missing at
// apply, the apply fails on this resource before anything is created.
func TestAccResource_missingFileAtPlan(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-missing")
	missing := filepath.Join(t.TempDir(), "later.csv")
	var mu sync.Mutex
	var diags []*tfprotov6.Diagnostic
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := acctest.ProtoV6ProviderFactories["datagouv"]()
			return planDiagnostics{ProviderServer: s, mu: &mu, diags: &diags}, err
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: resourceTestConfig(dsTitle, "", "")},
			{
				Config: resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title     = "Written later"
  file_path = %q
`, missing)),
				ExpectError: errorPattern("Cannot read the local file", "later.csv does not exist"),
			},
			{
				Config: resourceTestConfig(dsTitle, "", ""),
				Check:  checkNoResources(t),
			},
		},
	})
	mu.Lock()
	defer mu.Unlock()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning && d.Summary == "Local file not found" &&
			strings.Contains(d.Detail, missing+" does not exist now") && d.Attribute != nil && d.Attribute.String() == "AttributeName(\"file_path\")" {
			return
		}
	}
	t.Fatalf("no warning on file_path naming %s among the plan diagnostics: %v", missing, diags)
}
