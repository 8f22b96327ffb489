package provider_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// TestAccResource_destroyWarnsOfHostedFiles: the plan of a destroy names
// each hosted file it deletes for good (a link loses nothing), with the way
// to protect a catalogue; and the portal does what the warning says: the
// destroyed dataset, restored, comes back without the files Terraform
// destroyed before it, whose hosted file is gone. terraform-plugin-testing
// does not show a plan's warnings: the CLI is run as a user would.
func TestAccResource_destroyWarnsOfHostedFiles(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), filesAndOrderConfig(t)+`
output "ids" {
  value = {
    dataset = datagouv_dataset.test.id
    hosted  = datagouv_resource.hosted.id
    file    = datagouv_resource.hosted.url
    link    = datagouv_resource.link.id
  }
}
`)
	acctest.RunCLI(t, dir, "init")
	acctest.RunCLI(t, dir, "apply", "-auto-approve")
	var out struct {
		IDs struct {
			Value struct{ Dataset, Hosted, File, Link string } `json:"value"`
		} `json:"ids"`
	}
	if err := json.Unmarshal([]byte(acctest.RunCLI(t, dir, "output", "-json")), &out); err != nil {
		t.Fatal(err)
	}
	ids := out.IDs.Value
	c := acctest.Client(t)
	t.Cleanup(func() { _ = c.Datasets.Delete(context.Background(), ids.Dataset) })

	plan := acctest.RunCLI(t, dir, "plan", "-destroy")
	// The CLI prints diagnostics after the plan, wrapping their lines:
	// compare words.
	_, warnings, _ := strings.Cut(plan, "Warning:")
	warnings = strings.Join(strings.Fields(warnings), " ")
	if strings.Count(plan, "Warning: Hosted file deleted for good") != 1 || !strings.Contains(warnings, "datagouv_resource.hosted") ||
		!strings.Contains(warnings, ids.Hosted) || !strings.Contains(warnings, ids.File) || !strings.Contains(warnings, "prevent_destroy = true") {
		t.Fatalf("the destroy plan should warn once, of the hosted file %s (%s), naming prevent_destroy:\n%s", ids.Hosted, ids.File, plan)
	}
	if strings.Contains(warnings, ids.Link) {
		t.Fatalf("the link %s is named in a warning:\n%s", ids.Link, plan)
	}

	acctest.RunCLI(t, dir, "destroy", "-auto-approve")
	// The dataset was soft-deleted: restored, it comes back empty, and the
	// hosted file is gone for good.
	acctest.OutOfBand(t, http.MethodPut, "/api/1/datasets/"+ids.Dataset+"/", map[string]any{"deleted": nil}, http.StatusOK)
	ds, err := c.Datasets.Get(context.Background(), ids.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Deleted != nil || len(ds.Resources) != 0 {
		t.Fatalf("restored dataset: deleted %v, %d resources; want restored, without the files destroyed before it", ds.Deleted, len(ds.Resources))
	}
	res, err := http.Get(ids.File)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("GET %s after the destroy: %s, want 404 (deleted for good)", ids.File, res.Status)
	}
}
