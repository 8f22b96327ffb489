package provider_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// After an import, the extras keys a configuration never named are not
// managed: no plan removes them from the portal, whatever the configuration
// then declares (datasets, resources and dataservices alike).

// wantExtras checks extras on the portal: keys with a value must hold it,
// keys with nil must be absent.
func wantExtras(got map[string]any, want map[string]any) error {
	for k, v := range want {
		cur, ok := got[k]
		switch {
		case v == nil && ok:
			return fmt.Errorf("portal extras still hold %q: %v", k, got)
		case v != nil && cur != v:
			return fmt.Errorf("portal extras[%q] = %v, want %v (all: %v)", k, cur, v, got)
		}
	}
	return nil
}

// undeclaredExtrasSteps imports the object at addr, whose extras on the
// portal hold "sig:source", with cfg(""); then the configuration adds a
// key of its own and removes it. Neither touches the imported key.
func undeclaredExtrasSteps(addr string, cfg func(extras string) string, onPortal func(want map[string]any) resource.TestCheckFunc) []resource.TestStep {
	return []resource.TestStep{
		{
			// Imported by a configuration without extras: nothing to do.
			Config:           cfg(""),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionNoop),
			Check:            onPortal(map[string]any{"sig:source": "sig-export"}),
		},
		{
			// A key of its own: the imported one stays on the portal.
			Config:           cfg(`extras = { "tfacc:mine" = "x" }`),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
					"tfacc:mine": knownvalue.StringExact("x"),
				})),
			},
			Check: onPortal(map[string]any{"sig:source": "sig-export", "tfacc:mine": "x"}),
		},
		{
			// The managed key removed: removed from the portal, the
			// imported one still kept.
			Config:           cfg(""),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            onPortal(map[string]any{"sig:source": "sig-export", "tfacc:mine": nil}),
		},
	}
}

func TestAccDataset_importKeepsUndeclaredExtras(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-import-extras")
	ds := acctest.CreateDataset(t, acctest.Client(t), &client.DatasetInput{Title: title, Description: "Imported with extras.",
		Extras: map[string]any{"sig:source": "sig-export"}})
	cfg := func(extras string) string {
		return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", datasetAddr, ds.ID) +
			datasetConfig(fmt.Sprintf("title = %q", title), `description = "Imported with extras."`, extras)
	}
	onPortal := func(want map[string]any) resource.TestCheckFunc {
		return checkDatasetOnPortal(t, datasetAddr, func(got *client.Dataset) error { return wantExtras(got.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    undeclaredExtrasSteps(datasetAddr, cfg, onPortal),
	})
}

func TestAccResource_importKeepsUndeclaredExtras(t *testing.T) {
	acctest.PreCheck(t)
	c := acctest.Client(t)
	ctx := context.Background()
	ds := acctest.CreateDataset(t, c, &client.DatasetInput{Title: acctest.RandomName("resource-import-extras"), Description: "Imported resource with extras."})
	url := "https://example.org/" + acctest.RandomName("imported") + ".csv"
	res, err := c.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{Title: "Imported link", Type: "main", URL: url,
		Extras: map[string]any{"sig:source": "sig-export"}})
	if err != nil {
		t.Fatalf("create resource: %v", err)
	}
	cfg := func(extras string) string {
		return fmt.Sprintf(`
import {
  to = %s
  id = %q
}

resource "datagouv_resource" "test" {
  dataset_id = %q
  title      = "Imported link"
  url        = %q
  %s
}
`, resAddr, ds.ID+"/"+res.ID, ds.ID, url, extras)
	}
	got := ids{dataset: ds.ID, resource: res.ID}
	portalExtras := func(want map[string]any) resource.TestCheckFunc {
		return onPortal(t, &got, func(r *client.Resource) error { return wantExtras(r.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    undeclaredExtrasSteps(resAddr, cfg, portalExtras),
	})
}

// createDataservice makes a dataservice outside Terraform, deleted at the
// end of the test.
func createDataservice(t *testing.T, in *client.DataserviceInput) *client.Dataservice {
	t.Helper()
	c := acctest.Client(t)
	d, err := c.Dataservices.Create(context.Background(), in)
	if err != nil {
		t.Fatalf("create dataservice %q outside Terraform: %v", in.Title, err)
	}
	t.Cleanup(func() { _ = c.Dataservices.Delete(context.Background(), d.ID) })
	return d
}

// The dataservice's PATCH writes its whole extras object: the import's
// keys were once planned away and lost on the portal.
func TestAccDataservice_importKeepsUndeclaredExtras(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice-import-extras")
	d := createDataservice(t, &client.DataserviceInput{Title: title, Description: "Imported with extras.",
		Extras: map[string]any{"sig:source": "sig-export"}})
	cfg := func(extras string) string {
		return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", dataserviceAddr, d.ID) +
			dataserviceConfig("", fmt.Sprintf("title = %q", title), `description = "Imported with extras."`, extras)
	}
	onPortal := func(want map[string]any) resource.TestCheckFunc {
		return checkDataserviceOnPortal(t, func(got *client.Dataservice) error { return wantExtras(got.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps:                    undeclaredExtrasSteps(dataserviceAddr, cfg, onPortal),
	})
}

// `terraform plan -generate-config-out` on an imported hosted file writes
// the values the portal computes (url, file_hash, checksum, format, mime,
// filesize) as arguments, which together describe no valid resource: the
// plan says so. The edit the documentation gives (remove those six
// arguments, add file_path) imports the file with nothing uploaded.
func TestAccResource_importHostedFileGeneratedConfig(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	c := acctest.Client(t)
	ctx := context.Background()
	ds := acctest.CreateDataset(t, c, &client.DatasetInput{Title: acctest.RandomName("resource-generated"), Description: "Generated configuration test."})
	const content = "id,name\n1,one\n"
	file := filepath.Join(t.TempDir(), "export.csv")
	writeFile(t, file, content)
	up, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "export.csv", Content: strings.NewReader(content), Size: int64(len(content))})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", resAddr, ds.ID+"/"+up.Resource.ID)
	// What Terraform 1.5 generates, after the documented edit.
	edited := importBlock + fmt.Sprintf(`
resource "datagouv_resource" "test" {
  dataset_id  = %q
  description = null
  extras      = null
  file_path   = %q
  schema      = null
  title       = %q
  type        = "main"
}
`, ds.ID, file, up.Resource.Title)
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				ResourceName:           resAddr,
				ImportState:            true,
				ImportStateId:          ds.ID + "/" + up.Resource.ID,
				ImportStateKind:        resource.ImportBlockWithID,
				GenerateConfig:         true,
				Config:                 importBlock,
				ImportStateConfigExact: true,
				ExpectError:            errorPattern("file_hash needs file_path"),
			},
			{
				PreConfig: func() { before = uploads(log) },
				Config:    edited,
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(content)))),
				Check: checkUploads(log, &before, 0),
			},
		},
	})
}
