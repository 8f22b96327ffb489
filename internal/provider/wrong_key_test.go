package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A private dataset and its file applied with one account's key, then
// planned with another account's key: the portal answers 404 to that key.
// That is no proof of deletion: the plan fails naming the likely cause,
// nothing leaves the state, nothing is created twice; the right key then
// finds everything in place.
func TestAccDataset_otherAccountKey(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	title := acctest.RandomName("dataset-other-key")
	body := fmt.Sprintf(`
resource "datagouv_dataset" "test" {
  title       = %q
  description = "Private, planned with another account's key."
  private     = true
}

resource "datagouv_resource" "test" {
  dataset_id = datagouv_dataset.test.id
  title      = "Link"
  url        = "https://example.org/%s.csv"
}
`, title, acctest.RandomName("other-key"))
	sameDataset := statecheck.CompareValue(compare.ValuesSame())
	sameResource := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: body,
				ConfigStateChecks: []statecheck.StateCheck{
					sameDataset.AddStateValue(datasetAddr, tfjsonpath.New("id")),
					sameResource.AddStateValue(resAddr, tfjsonpath.New("id")),
				},
			},
			{
				Config:      providerBlockWithKey(otherKey) + body,
				ExpectError: errorPattern("Dataset not visible with this API key", "another account's key"),
			},
			{
				// The right key: everything is still in the state, nothing to do.
				Config: body,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameDataset.AddStateValue(datasetAddr, tfjsonpath.New("id")),
					sameResource.AddStateValue(resAddr, tfjsonpath.New("id")),
				},
			},
		},
	})
}

// The same for a resource alone: its private dataset (managed elsewhere)
// answers 404 to another account's key as well, so the resource is not
// taken for deleted.
func TestAccResource_otherAccountKey(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	c := acctest.Client(t)
	ds, err := c.Datasets.Create(context.Background(), &client.DatasetInput{
		Title: acctest.RandomName("resource-other-key"), Description: "Private dataset of a resource planned with another key.", Private: true,
	})
	if err != nil {
		t.Fatalf("create dataset: %v", err)
	}
	t.Cleanup(func() { _ = c.Datasets.Delete(context.Background(), ds.ID) })
	body := fmt.Sprintf(`
resource "datagouv_resource" "test" {
  dataset_id = %q
  title      = "Link"
  url        = "https://example.org/%s.csv"
}
`, ds.ID, acctest.RandomName("other-key"))
	sameResource := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{Config: body, ConfigStateChecks: []statecheck.StateCheck{sameResource.AddStateValue(resAddr, tfjsonpath.New("id"))}},
			{
				Config:      providerBlockWithKey(otherKey) + body,
				ExpectError: errorPattern("Resource not visible with this API key", "another account's key"),
			},
			{
				Config: body,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameResource.AddStateValue(resAddr, tfjsonpath.New("id"))},
			},
		},
	})
}

// The same for a private dataservice: a 404 with another account's key is
// no deletion, the dataservice stays in the state and is not created twice.
func TestAccDataservice_otherAccountKey(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	body := dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-other-key")),
		`base_api_url = "https://api.example.org/v1/"`, `private = true`)
	same := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: body, ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(dataserviceAddr, tfjsonpath.New("id"))}},
			{
				Config:      providerBlockWithKey(otherKey) + body,
				ExpectError: errorPattern("Dataservice not visible with this API key", "another account's key"),
			},
			{
				Config:            body,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(dataserviceAddr, tfjsonpath.New("id"))},
			},
		},
	})
}
