package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The portal keeps extras of any JSON type; the provider's extras are
// strings. A value shows as its JSON text ("3", "true"), and one whose text
// the configuration does not change keeps its type on the portal, on every
// path: an import with the configuration Terraform generates for it, an
// update of another attribute. A changed value is written as a string.

// typedExtras are extras of each JSON type, as set on the portal through
// the API (numbers decode as float64).
var typedExtras = map[string]any{"tfacc:count": 3.0, "tfacc:on": true, "tfacc:shape": map[string]any{"a": 1.0}, "tfacc:text": "t"}

// typedExtrasConfig is what `terraform plan -generate-config-out` writes for
// typedExtras (their JSON text), with count's text set to count.
func typedExtrasConfig(count string) string {
	return fmt.Sprintf(`extras = {
    "tfacc:count" = %q
    "tfacc:on"    = "true"
    "tfacc:shape" = "{\"a\":1}"
    "tfacc:text"  = "t"
  }`, count)
}

// wantTypedExtras checks that the portal holds want exactly, JSON types
// included, for each of want's keys (compared as JSON: the client reads a
// dataservice's numbers as json.Number, a dataset's as float64).
func wantTypedExtras(got, want map[string]any) error {
	for k, v := range want {
		g, _ := json.Marshal(got[k])
		w, _ := json.Marshal(v)
		if string(g) != string(w) {
			return fmt.Errorf("portal extras[%q] = %s, want %s (all: %v)", k, g, w, got)
		}
	}
	return nil
}

// typedExtrasSteps import the object at addr (import id id), whose extras
// on the portal are typedExtras: with the configuration Terraform generates
// (which must plan nothing), then with cfg(title, extras) written as
// Terraform generates extras; then change its title, then one value.
func typedExtrasSteps(addr, id, title string, cfg func(title, extras string) string, onPortal func(want map[string]any) resource.TestCheckFunc) []resource.TestStep {
	counted := map[string]any{}
	for k, v := range typedExtras {
		counted[k] = v
	}
	counted["tfacc:count"] = "4"
	return []resource.TestStep{
		{
			// `terraform plan -generate-config-out`: an import, nothing
			// else.
			ResourceName:           addr,
			ImportState:            true,
			ImportStateId:          id,
			ImportStateKind:        resource.ImportBlockWithID,
			GenerateConfig:         true,
			Config:                 fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, id),
			ImportStateConfigExact: true,
		},
		{
			// The generated extras: nothing to change.
			Config:           cfg(title, typedExtrasConfig("3")),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionNoop),
			Check:            onPortal(typedExtras),
		},
		{
			// Another attribute: the extras keep their types.
			Config:           cfg(title+" renamed", typedExtrasConfig("3")),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            onPortal(typedExtras),
		},
		{
			// A value changed: written as the string configured, the
			// others as they were.
			Config:           cfg(title+" renamed", typedExtrasConfig("4")),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
			Check:            onPortal(counted),
		},
	}
}

func TestAccDataset_importKeepsExtrasTypes(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-typed-extras")
	ds := acctest.CreateDataset(t, acctest.Client(t), &client.DatasetInput{Title: title, Description: "Typed extras.", Extras: typedExtras})
	cfg := func(title, extras string) string {
		return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", datasetAddr, ds.ID) +
			datasetConfig(fmt.Sprintf("title = %q", title), `description = "Typed extras."`, extras)
	}
	onPortal := func(want map[string]any) resource.TestCheckFunc {
		return checkDatasetOnPortal(t, datasetAddr, func(got *client.Dataset) error { return wantTypedExtras(got.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps:                    typedExtrasSteps(datasetAddr, ds.ID, title, cfg, onPortal),
	})
}

func TestAccResource_importKeepsExtrasTypes(t *testing.T) {
	acctest.PreCheck(t)
	c := acctest.Client(t)
	ds := acctest.CreateDataset(t, c, &client.DatasetInput{Title: acctest.RandomName("resource-typed-extras"), Description: "Typed extras."})
	url := "https://example.org/" + acctest.RandomName("typed") + ".csv"
	res, err := c.Resources.CreateRemote(context.Background(), ds.ID, &client.ResourceInput{Title: "Typed link", Type: "main", URL: url, Extras: typedExtras})
	if err != nil {
		t.Fatalf("create resource: %v", err)
	}
	cfg := func(title, extras string) string {
		return fmt.Sprintf(`
import {
  to = %s
  id = %q
}

resource "datagouv_resource" "test" {
  dataset_id = %q
  title      = %q
  url        = %q
  %s
}
`, resAddr, ds.ID+"/"+res.ID, ds.ID, title, url, extras)
	}
	got := ids{dataset: ds.ID, resource: res.ID}
	portalExtras := func(want map[string]any) resource.TestCheckFunc {
		return onPortal(t, &got, func(r *client.Resource) error { return wantTypedExtras(r.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    typedExtrasSteps(resAddr, ds.ID+"/"+res.ID, "Typed link", cfg, portalExtras),
	})
}

func TestAccDataservice_importKeepsExtrasTypes(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice-typed-extras")
	d := createDataservice(t, &client.DataserviceInput{Title: title, Description: "Typed extras.", Extras: typedExtras})
	cfg := func(title, extras string) string {
		return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", dataserviceAddr, d.ID) +
			dataserviceConfig("", fmt.Sprintf("title = %q", title), `description = "Typed extras."`, extras)
	}
	onPortal := func(want map[string]any) resource.TestCheckFunc {
		return checkDataserviceOnPortal(t, func(got *client.Dataservice) error { return wantTypedExtras(got.Extras, want) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps:                    typedExtrasSteps(dataserviceAddr, d.ID, title, cfg, onPortal),
	})
}
