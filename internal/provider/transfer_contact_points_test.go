package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// A dataset whose contact points belong to its organization, moved to
// another organization the key also administers: udata accepts only
// contact points of the dataset's organization, so the move with the same
// contact points fails at plan, on contact_points, against the recipient;
// nothing moves (before, apply transferred the dataset, then its update
// failed, and every later edit with it). With a contact point of the
// recipient, the move applies. Not parallel: AdministeredOrganization.
func TestAccDataset_transferWithContactPoints(t *testing.T) {
	org := acctest.RequireOrganization(t)
	second := acctest.AdministeredOrganization(t)
	name := acctest.RandomName("transfer contacts")
	config := func(datasetOrg, contact string) string {
		return fmt.Sprintf(`
resource "datagouv_contact_point" "first" {
  name         = "%[1]s first"
  role         = "creator"
  organization = %[2]q
}

resource "datagouv_contact_point" "second" {
  name         = "%[1]s second"
  role         = "creator"
  organization = %[3]q
}

resource "datagouv_dataset" "test" {
  title          = %[1]q
  description    = "Moved with its contact points."
  organization   = %[4]q
  contact_points = [datagouv_contact_point.%[5]s.id]
}
`, name, org, second, datasetOrg, contact)
	}
	id := acctest.SameID(datasetAddr)
	stillIn := func(want string) func() {
		return func() {
			ds, err := acctest.Client(t).Datasets.Get(context.Background(), id.Value())
			if err != nil {
				t.Fatalf("reading the dataset: %v", err)
			}
			if ds.Organization == nil || ds.Organization.ID != want {
				t.Fatalf("the dataset's organization on the portal is %+v, want %s: the refused plan moved it", ds.Organization, want)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config(org, "first")),
			{
				Config: config(second, "first"),
				ExpectError: errorPattern("Contact point of another owner",
					"contact_points = [datagouv_contact_point.first.id]",
					"not to the organization "+second+", the dataset's organization after the transfer this plan makes"),
			},
			{
				PreConfig:         stillIn(org),
				Config:            config(second, "second"),
				ConfigPlanChecks:  acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()},
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					if ds.Organization == nil || ds.Organization.ID != second || len(ds.ContactPoints) != 1 {
						return fmt.Errorf("portal: organization %+v, contact points %+v; want %s with one contact point", ds.Organization, ds.ContactPoints, second)
					}
					return nil
				}),
			},
		},
	})
}
