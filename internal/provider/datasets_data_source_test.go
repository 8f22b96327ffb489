package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// TestAccDatasetsDataSource: three datasets with a tag of their own, created in turn, listed
// over several pages (the test binary's page size is 2), oldest first,
// with their resources' ids; filters combine.
func TestAccDatasetsDataSource(t *testing.T) {
	acctest.PreCheck(t)
	tag := acctest.RandomName("datasets")
	config := fmt.Sprintf(`
resource "datagouv_dataset" "first" {
  title       = "%[1]s first"
  description = "Listed by datagouv_datasets."
  tags        = [%[1]q]
  %[2]s
}

# Created one after the other, so that the oldest-first order is known.
resource "datagouv_dataset" "second" {
  title       = "%[1]s second"
  description = "Listed by datagouv_datasets."
  tags        = [%[1]q]
  %[2]s
  depends_on  = [datagouv_dataset.first]
}

resource "datagouv_dataset" "third" {
  title       = "%[1]s third"
  description = "Listed by datagouv_datasets."
  tags        = [%[1]q]
  %[2]s
  depends_on  = [datagouv_dataset.second]
}

resource "datagouv_resource" "link" {
  dataset_id = datagouv_dataset.first.id
  title      = "Link"
  url        = "https://example.org/listed.csv"
}

data "datagouv_datasets" "tagged" {
  tag        = %[1]q
  depends_on = [datagouv_dataset.third, datagouv_resource.link]
}

data "datagouv_datasets" "none" {
  tag        = %[1]q
  owner      = "000000000000000000000000"
  depends_on = [datagouv_dataset.third]
}
`, tag, orgLine())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.datagouv_datasets.tagged", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.datagouv_datasets.tagged", tfjsonpath.New("datasets").AtSliceIndex(0).AtMapKey("resource_ids"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.datagouv_datasets.tagged", tfjsonpath.New("datasets").AtSliceIndex(2).AtMapKey("resource_ids"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.datagouv_datasets.none", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.datagouv_datasets.tagged", "datasets.0.id", "datagouv_dataset.first", "id"),
				resource.TestCheckResourceAttrPair("data.datagouv_datasets.tagged", "datasets.1.slug", "datagouv_dataset.second", "slug"),
				resource.TestCheckResourceAttrPair("data.datagouv_datasets.tagged", "datasets.2.title", "datagouv_dataset.third", "title"),
				resource.TestCheckResourceAttrPair("data.datagouv_datasets.tagged", "datasets.0.resource_ids.0", "datagouv_resource.link", "id"),
			),
		}},
	})
}
