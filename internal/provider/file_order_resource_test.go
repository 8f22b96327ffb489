package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

const orderAddr = "datagouv_resource_order.test"

// resourceOrderConfig is a dataset with three remote files a, b, c
// (created in that order, so udata shows c, b, a) and an order of the
// files named in order.
func resourceOrderConfig(title string, order ...string) string {
	refs := make([]string, len(order))
	for i, name := range order {
		refs[i] = "datagouv_resource." + name + ".id"
	}
	return fmt.Sprintf(`
resource "datagouv_dataset" "test" {
  title       = %[1]q
  description = "Files in a chosen order."
  %[2]s
}

resource "datagouv_resource" "a" {
  dataset_id = datagouv_dataset.test.id
  title      = "A"
  url        = "https://example.org/a.csv"
}

resource "datagouv_resource" "b" {
  dataset_id = datagouv_dataset.test.id
  title      = "B"
  url        = "https://example.org/b.csv"
  depends_on = [datagouv_resource.a]
}

resource "datagouv_resource" "c" {
  dataset_id = datagouv_dataset.test.id
  title      = "C"
  url        = "https://example.org/c.csv"
  depends_on = [datagouv_resource.b]
}

resource "datagouv_resource_order" "test" {
  dataset_id   = datagouv_dataset.test.id
  resource_ids = [%[3]s]
}
`, title, orgLine(), strings.Join(refs, ", "))
}

// portalTitles reads the titles of the dataset's files in the order the
// portal shows them.
func portalTitles(t *testing.T, s *terraform.State) ([]string, string, error) {
	rs, ok := s.RootModule().Resources[datasetAddr]
	if !ok {
		return nil, "", fmt.Errorf("%s not in state", datasetAddr)
	}
	ds, err := acctest.Client(t).Datasets.Get(context.Background(), rs.Primary.ID)
	if err != nil {
		return nil, "", err
	}
	titles := make([]string, 0, len(ds.Resources))
	for _, r := range ds.Resources {
		titles = append(titles, r.Title)
	}
	return titles, ds.ID, nil
}

func expectPortalOrder(t *testing.T, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, _, err := portalTitles(t, s)
		if err != nil {
			return err
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("portal shows the files %v, want %v", got, want)
		}
		return nil
	}
}

// The order is written, imported, and changed; a file added elsewhere
// keeps its place and is no drift; a reorder done elsewhere is put back.
func TestAccResourceOrder_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("ordered files")
	var datasetID, otherID string
	empty := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	update := []plancheck.PlanCheck{plancheck.ExpectResourceAction(orderAddr, plancheck.ResourceActionUpdate)}

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: resourceOrderConfig(title, "a", "b", "c"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectPortalOrder(t, "A", "B", "C"),
					resource.TestCheckResourceAttrPair(orderAddr, "id", datasetAddr, "id"),
					resource.TestCheckResourceAttrPair(orderAddr, "resource_ids.0", "datagouv_resource.a", "id"),
					resource.TestCheckResourceAttrWith(datasetAddr, "id", func(v string) error { datasetID = v; return nil }),
				),
			},
			{ResourceName: orderAddr, ImportState: true, ImportStateVerify: true},
			{
				Config:           resourceOrderConfig(title, "c", "a", "b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update, PostApplyPostRefresh: empty},
				Check:            expectPortalOrder(t, "C", "A", "B"),
			},
			{
				// A file added in the web interface goes first (udata's
				// rule) and stays there: the listed files keep their order.
				PreConfig: func() {
					res, err := acctest.Client(t).Resources.CreateRemote(context.Background(), datasetID,
						&client.ResourceInput{Title: "Not managed", URL: "https://example.org/other.csv"})
					if err != nil {
						t.Fatalf("out-of-band file: %v", err)
					}
					otherID = res.ID
				},
				Config:           resourceOrderConfig(title, "c", "a", "b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: empty},
				Check:            expectPortalOrder(t, "Not managed", "C", "A", "B"),
			},
			{
				// A new order moves the listed files only.
				Config:           resourceOrderConfig(title, "b", "c", "a"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update, PostApplyPostRefresh: empty},
				Check:            expectPortalOrder(t, "Not managed", "B", "C", "A"),
			},
			{
				// Someone reorders in the web interface: the plan puts the
				// listed files back, the other file stays where it was put.
				PreConfig: func() {
					ds, err := acctest.Client(t).Datasets.Get(context.Background(), datasetID)
					if err != nil {
						t.Fatal(err)
					}
					ids := make([]string, 0, len(ds.Resources))
					for _, r := range ds.Resources {
						ids = append(ids, r.ID)
					}
					slices.Reverse(ids) // A, C, B, Not managed
					acctest.OutOfBand(t, http.MethodPut, "/api/1/datasets/"+datasetID+"/resources/", ids, http.StatusOK)
				},
				Config:           resourceOrderConfig(title, "b", "c", "a"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update, PostApplyPostRefresh: empty},
				Check: resource.ComposeAggregateTestCheckFunc(
					expectPortalOrder(t, "B", "C", "A", "Not managed"),
					func(*terraform.State) error {
						// Destroying the files would leave it; remove it so
						// that the dataset's destroy is the usual one.
						return acctest.Client(t).Resources.Delete(context.Background(), datasetID, otherID)
					},
				),
			},
		},
	})
}

// Ids that are not files of the dataset, or twice the same file, are
// refused: at plan for duplicates, at apply (naming them) for the others.
func TestAccResourceOrder_badIDs(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("badly ordered files")
	base := resourceOrderConfig(title, "a", "b", "c")
	twice := strings.Replace(base, "[datagouv_resource.a.id, datagouv_resource.b.id, datagouv_resource.c.id]",
		"[datagouv_resource.a.id, datagouv_resource.a.id]", 1)
	foreign := strings.Replace(base, "[datagouv_resource.a.id, datagouv_resource.b.id, datagouv_resource.c.id]",
		`[datagouv_resource.a.id, "00000000-0000-4000-8000-000000000000"]`, 1)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: base, Check: expectPortalOrder(t, "A", "B", "C")},
			{Config: twice, ExpectError: regexp.MustCompile(`(?s)resource_ids.*duplicate`)},
			{Config: foreign, ExpectError: regexp.MustCompile(`(?s)Not files of the dataset.*00000000-0000-4000-8000-000000000000`)},
			{Config: base, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
