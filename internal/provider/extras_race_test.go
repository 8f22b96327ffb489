package provider_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The portal's services (link checks, file analysis, recommendations) write
// extras at any time. An update that reads the extras and PUTs them back
// whole drops a key written between its read and its write. These tests
// write such a key right before the provider's first write of an update
// reaches the portal, and check that it survives.

// beforeFirstWrite runs fn once, before the first request other than a GET
// of log whose path starts with prefix.
func beforeFirstWrite(log *acctest.Log, prefix string, fn func()) {
	var done atomic.Bool
	log.BeforeRequest(func(method, path string) {
		if method == "GET" || !strings.HasPrefix(path, prefix) || !done.CompareAndSwap(false, true) {
			return
		}
		fn()
	})
}

func TestAccDataset_extrasWrittenDuringUpdateKept(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("dataset-extras-race")
	config := func(value string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Extras written meanwhile."`,
			fmt.Sprintf(`extras = { "tfacc:mine" = %q }`, value))
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: config("a"),
				Check:  resource.TestCheckResourceAttrWith(datasetAddr, "id", func(v string) error { id = v; return nil }),
			},
			{
				PreConfig: func() {
					beforeFirstWrite(log, "/api/", func() {
						addServerExtras(t, id, map[string]any{"analysis:written-meanwhile": "yes"})
					})
				},
				Config:           config("b"),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate),
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					if ds.Extras["tfacc:mine"] != "b" || ds.Extras["analysis:written-meanwhile"] != "yes" {
						return fmt.Errorf("portal extras = %v: the key written during the update was lost", ds.Extras)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccResource_extrasWrittenDuringUpdateKept(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("resource-extras-race")
	config := func(value string) string {
		return fmt.Sprintf(`
resource "datagouv_dataset" "d" {
  title       = %[1]q
  description = "Resource extras written meanwhile."
}

resource "datagouv_resource" "link" {
  dataset_id = datagouv_dataset.d.id
  title      = "Link %[2]s"
  url        = "https://example.org/%[1]s.csv"
  extras     = { "tfacc:mine" = %[2]q }
}
`, title, value)
	}
	const addr = "datagouv_resource.link"
	var datasetID, id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{
				Config: config("a"),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrWith(addr, "id", func(v string) error { id = v; return nil }),
					resource.TestCheckResourceAttrWith(addr, "dataset_id", func(v string) error { datasetID = v; return nil }),
				),
			},
			{
				PreConfig: func() {
					beforeFirstWrite(log, "/api/", func() {
						_, err := acctest.Client(t).Resources.UpdateExtras(context.Background(), datasetID, id,
							map[string]any{"check:status": 200, "analysis:written-meanwhile": "yes"})
						if err != nil {
							t.Errorf("out-of-band extras write: %v", err)
						}
					})
				},
				Config:           config("b"),
				ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionUpdate),
				Check: func(*terraform.State) error {
					res, err := acctest.Client(t).Resources.Get(context.Background(), datasetID, id)
					if err != nil {
						return err
					}
					if res.Extras["tfacc:mine"] != "b" || res.Extras["analysis:written-meanwhile"] != "yes" || res.Extras["check:status"] == nil {
						return fmt.Errorf("portal extras = %v: a key written during the update was lost", res.Extras)
					}
					return nil
				},
			},
		},
	})
}
