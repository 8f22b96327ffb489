package provider_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// TestAccDataset_purgedWithItsFiles: a dataset deleted out of band and then
// purged by the portal's daily job takes its files (a hosted one, a link)
// and its file order out of the state with it: the plan succeeds (no
// "not visible with this API key" for each file), shows them all created
// anew, apply creates them in the new dataset, and nothing is left to do.
// Sequential: the purge touches every deleted object of the site.
func TestAccDataset_purgedWithItsFiles(t *testing.T) {
	purge := acctest.Purger(t)
	config := filesAndOrderConfig(t)
	dataset, hosted, link := acctest.NewID(datasetAddr), acctest.NewID("datagouv_resource.hosted"), acctest.NewID("datagouv_resource.link")
	applied := dataset.Applied(config)
	applied.ConfigStateChecks = append(applied.ConfigStateChecks, hosted.Check(), link.Check())
	// Everything in the dataset is created anew, under new ids.
	recreated := dataset.Recreated(config, dataset.DeletedOutOfBand(t, acctest.Client(t).Datasets.Delete, purge))
	for _, addr := range []string{"datagouv_resource.hosted", "datagouv_resource.link", orderAddr} {
		recreated.ConfigPlanChecks.PreApply = append(recreated.ConfigPlanChecks.PreApply, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate))
	}
	recreated.ConfigStateChecks = append(recreated.ConfigStateChecks, hosted.Check(), link.Check())
	recreated.Check = resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttrPair(orderAddr, "dataset_id", datasetAddr, "id"),
		resource.TestCheckResourceAttrPair(orderAddr, "resource_ids.0", "datagouv_resource.link", "id"),
		resource.TestCheckResourceAttrPair(orderAddr, "resource_ids.1", "datagouv_resource.hosted", "id"),
	)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(checkDatasetSoftDeleted(t), checkResourcesDestroyed(t)),
		Steps: []resource.TestStep{
			applied,
			recreated,
			{ResourceName: orderAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccDataset_purgedWithItsFilesRemoved: the same purge, when the user
// has removed the dataset's blocks and its files' from the configuration
// (Terraform then refreshes them in any order, the files possibly before
// the dataset): each confirms the purge by the dataset's rule, from the
// dataset's owner recorded at an earlier refresh, and everything leaves the
// state; nothing is left to do.
func TestAccDataset_purgedWithItsFilesRemoved(t *testing.T) {
	purge := acctest.Purger(t)
	config := filesAndOrderConfig(t)
	dataset := acctest.SameID(datasetAddr)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(checkDatasetSoftDeleted(t), checkResourcesDestroyed(t)),
		Steps: []resource.TestStep{
			dataset.Applied(config),
			// A later apply refreshes the state (as every plan and apply do).
			{Config: config, ConfigPlanChecks: acctest.PlansNothing()},
			{
				PreConfig:        dataset.DeletedOutOfBand(t, acctest.Client(t).Datasets.Delete, purge),
				Config:           `provider "datagouv" {}`,
				ConfigPlanChecks: acctest.PlansNothing(),
				Check: func(s *terraform.State) error {
					if n := len(s.RootModule().Resources); n != 0 {
						return fmt.Errorf("%d objects left in the state, want none", n)
					}
					return nil
				},
			},
		},
	})
}

// filesAndOrderConfig is a dataset with a hosted file (at an absolute
// path: a provider may run in another directory than the CLI), a link and
// their order.
func filesAndOrderConfig(t *testing.T) string {
	title := acctest.RandomName("dataset-files")
	local := filepath.Join(t.TempDir(), "stations.csv")
	writeFile(t, local, "id,name\n1,Gare\n")
	return fmt.Sprintf(`
resource "datagouv_dataset" "test" {
  title       = %q
  description = "A dataset, its files and their order."
}

resource "datagouv_resource" "hosted" {
  dataset_id = datagouv_dataset.test.id
  title      = "Stations"
  file_path  = %q
}

resource "datagouv_resource" "link" {
  dataset_id = datagouv_dataset.test.id
  title      = "Link"
  url        = "https://example.org/%s.csv"
}

resource "datagouv_resource_order" "test" {
  dataset_id   = datagouv_dataset.test.id
  resource_ids = [datagouv_resource.link.id, datagouv_resource.hosted.id]
}
`, title, local, acctest.RandomName("link"))
}
