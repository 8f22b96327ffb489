package provider_test

import (
	"context"
	"fmt"
	"regexp"
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

// adoptionGuide is the guide whose for_each keys the rename test runs.
const adoptionGuide = "../../templates/guides/adopt-an-organization.md.tmpl"

// A dataset adopted with the guide's for_each patterns, then renamed in the
// web interface (which changes its slug): the next plan is empty (the
// title comes from the listing), apply deletes nothing, and the dataset
// and its file keep their ids and their addresses. Keyed by slug, the plan
// destroyed the dataset under its old key and imported it under the new
// one, and apply soft-deleted it.
func TestAccAdoption_renameKeepsAdoptedDatasets(t *testing.T) {
	org := acctest.RequireOrganization(t)
	c := acctest.Client(t)
	ctx := context.Background()
	tag := acctest.RandomName("adopt-rename")
	const description = "Published before Terraform."
	url := "https://example.org/" + tag + "/stations.csv"
	var objects []adoptedObject
	for _, n := range []string{"one", "two"} {
		ds := acctest.CreateDataset(t, c, &client.DatasetInput{Title: tag + " " + n, Description: description, Tags: []string{tag}, Organization: org})
		res, err := c.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{Title: "Stations", Type: "main", URL: url})
		if err != nil {
			t.Fatalf("create the link of %s: %v", ds.ID, err)
		}
		objects = append(objects, adoptedObject{ds.ID, res.ID})
	}
	// Terraform 1.5 has no import blocks with for_each: one block per
	// object, to the key the guide's for_each gives it (its id).
	var imports strings.Builder
	dsAddr := func(o adoptedObject) string { return fmt.Sprintf("datagouv_dataset.adopted[%q]", o.dataset) }
	fileAddr := func(o adoptedObject) string {
		return fmt.Sprintf("datagouv_resource.adopted[%q]", o.dataset+"/"+o.file)
	}
	for _, o := range objects {
		fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n\nimport {\n  to = %s\n  id = %q\n}\n\n",
			dsAddr(o), o.dataset, fileAddr(o), o.dataset+"/"+o.file)
	}
	catalogue := fmt.Sprintf(`
data "datagouv_datasets" "catalogue" {
  organization = %q
  tag          = %q
}
`, org, tag)
	config := catalogue + fmt.Sprintf(`
%[3]s
%[4]s
resource "datagouv_dataset" "adopted" {
  for_each     = local.datasets
  organization = %[1]q
  title        = each.value.title
  description  = %[5]q
  tags         = [%[2]q]
}

resource "datagouv_resource" "adopted" {
  for_each   = local.files
  dataset_id = each.value.dataset
  title      = "Stations"
  url        = %[6]q
}
`, org, tag, guideLocals(t), imports.String(), description, url)

	var ids []*acctest.ID
	var noops []plancheck.PlanCheck
	for _, o := range objects {
		for _, addr := range []string{dsAddr(o), fileAddr(o)} {
			ids = append(ids, acctest.SameID(addr))
			noops = append(noops, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop))
		}
	}
	idChecks := func(more ...statecheck.StateCheck) []statecheck.StateCheck {
		for _, id := range ids {
			more = append(more, id.Check())
		}
		return more
	}
	renamed := objects[0]
	newTitle := tag + " renamed"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Adopted: every object imported, nothing changed.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             noops,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: idChecks(),
			},
			{
				// Renamed in the web interface: a new slug, same id. (Its
				// form sends the tags too: udata's PUT clears absent ones.)
				PreConfig: func() {
					acctest.OutOfBand(t, "PUT", "/api/1/datasets/"+renamed.dataset+"/", map[string]any{"title": newTitle, "tags": []string{tag}}, 200)
				},
				Config:           config,
				ConfigPlanChecks: acctest.PlansNothing(),
				ConfigStateChecks: idChecks(
					statecheck.ExpectKnownValue(dsAddr(renamed), tfjsonpath.New("title"), knownvalue.StringExact(newTitle)),
					statecheck.ExpectKnownValue(dsAddr(renamed), tfjsonpath.New("slug"), knownvalue.StringRegexp(regexp.MustCompile(`renamed`))),
					nothingDeleted(t, objects),
				),
			},
			{
				// The adopted objects left out of the configuration:
				// destroyed here, as terraform-plugin-testing's own
				// destroy cannot read a state with for_each keys.
				Config: catalogue,
			},
		},
	})
}

// adoptedObject is a dataset made outside Terraform and its one file.
type adoptedObject struct{ dataset, file string }

// portalCheck is a state check that asserts on the portal instead (a
// resource.TestCheckFunc cannot be used with for_each keys: the testing
// library's state conversion refuses them).
type portalCheck func() error

func (f portalCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// nothingDeleted checks on the portal that each dataset is live (not
// soft-deleted) and still holds its file.
func nothingDeleted(t *testing.T, objects []adoptedObject) statecheck.StateCheck {
	return portalCheck(func() error {
		for _, o := range objects {
			ds, err := acctest.Client(t).Datasets.Get(context.Background(), o.dataset)
			if err != nil {
				return fmt.Errorf("read dataset %s: %w", o.dataset, err)
			}
			if ds.Deleted != nil {
				return fmt.Errorf("dataset %s was deleted at %s", o.dataset, *ds.Deleted)
			}
			if len(ds.Resources) != 1 || ds.Resources[0].ID != o.file {
				return fmt.Errorf("dataset %s holds %d resources, want its file %s alone", o.dataset, len(ds.Resources), o.file)
			}
		}
		return nil
	})
}
