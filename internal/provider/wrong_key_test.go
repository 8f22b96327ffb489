package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// otherAccountKeySteps: config applied with the tests' key; planned with
// otherKey, whose user cannot see the objects, it fails with want; with the
// tests' key again, nothing is left to do and the objects at addrs kept
// their ids.
func otherAccountKeySteps(config, otherKey string, want *regexp.Regexp, addrs ...string) []resource.TestStep {
	ids := make([]*acctest.ID, len(addrs))
	for i, addr := range addrs {
		ids[i] = acctest.SameID(addr)
	}
	sameIDs := func() []statecheck.StateCheck {
		checks := make([]statecheck.StateCheck, len(ids))
		for i, id := range ids {
			checks[i] = id.Check()
		}
		return checks
	}
	return []resource.TestStep{
		{Config: config, ConfigStateChecks: sameIDs()},
		{Config: providerBlockWithKey(otherKey) + config, ExpectError: want},
		{Config: config, ConfigPlanChecks: acctest.PlansNothing(), ConfigStateChecks: sameIDs()},
	}
}

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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: otherAccountKeySteps(body, otherKey,
			errorPattern("Dataset not visible with this API key", "another account's key"), datasetAddr, resAddr),
	})
}

// The same for a resource alone: its private dataset (managed elsewhere)
// answers 404 to another account's key as well, so the resource is not
// taken for deleted.
func TestAccResource_otherAccountKey(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	ds := acctest.CreateDataset(t, acctest.Client(t), &client.DatasetInput{
		Title: acctest.RandomName("resource-other-key"), Description: "Private dataset of a resource planned with another key.", Private: true,
	})
	body := fmt.Sprintf(`
resource "datagouv_resource" "test" {
  dataset_id = %q
  title      = "Link"
  url        = "https://example.org/%s.csv"
}
`, ds.ID, acctest.RandomName("other-key"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: otherAccountKeySteps(body, otherKey,
			errorPattern("Resource not visible with this API key", "another account's key"), resAddr),
	})
}

// The same for a private dataservice: a 404 with another account's key is
// no deletion, the dataservice stays in the state and is not created twice.
func TestAccDataservice_otherAccountKey(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	body := dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-other-key")),
		`base_api_url = "https://api.example.org/v1/"`, `private = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: otherAccountKeySteps(body, otherKey,
			errorPattern("Dataservice not visible with this API key", "another account's key"), dataserviceAddr),
	})
}
