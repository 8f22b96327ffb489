package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Changing organization moves a dataset or a dataservice with udata's
// transfer: same id, same slug, the new owner on the portal. Not parallel:
// the organizations these tests create change the main user's list of
// organizations that other tests quote in messages.

func TestAccDataset_organizationTransfer(t *testing.T) {
	org := acctest.RequireOrganization(t)
	second := acctest.AdministeredOrganization(t)
	me, err := acctest.Client(t).Reference.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	title := acctest.RandomName("transferred dataset")
	config := func(orgLine string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Moved between owners by a transfer."`, orgLine)
	}
	id := acctest.SameID(datasetAddr)
	sameSlug := statecheck.CompareValue(compare.ValuesSame())
	onPortal := func(wantOrg, wantOwner string) resource.TestCheckFunc {
		return checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
			gotOrg, gotOwner := "", ""
			if ds.Organization != nil {
				gotOrg = ds.Organization.ID
			}
			if ds.Owner != nil {
				gotOwner = ds.Owner.ID
			}
			if gotOrg != wantOrg || gotOwner != wantOwner {
				return fmt.Errorf("portal: organization %q, owner %q; want %q, %q", gotOrg, gotOwner, wantOrg, wantOwner)
			}
			return nil
		})
	}
	moved := func(orgValue, ownerValue knownvalue.Check) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			id.Check(),
			sameSlug.AddStateValue(datasetAddr, tfjsonpath.New("slug")),
			statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("organization"), orgValue),
			statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("owner"), ownerValue),
		}
	}
	update := acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate)

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config:            config(fmt.Sprintf("organization = %q", org)),
				ConfigStateChecks: moved(knownvalue.StringExact(org), knownvalue.Null()),
				Check:             onPortal(org, ""),
			},
			{
				// To an organization the user administers: updated in place.
				Config:            config(fmt.Sprintf("organization = %q", second)),
				ConfigPlanChecks:  update,
				ConfigStateChecks: moved(knownvalue.StringExact(second), knownvalue.Null()),
				Check:             onPortal(second, ""),
			},
			{
				// Without organization: to the API key's user.
				Config:            config(""),
				ConfigPlanChecks:  update,
				ConfigStateChecks: moved(knownvalue.Null(), knownvalue.StringExact(me.ID)),
				Check:             onPortal("", me.ID),
			},
			{
				// And from the user back to an organization.
				Config:            config(fmt.Sprintf("organization = %q", org)),
				ConfigPlanChecks:  update,
				ConfigStateChecks: moved(knownvalue.StringExact(org), knownvalue.Null()),
				Check:             onPortal(org, ""),
			},
			acctest.Import(datasetAddr, "timeouts"),
		},
	})
}

// An organization where the user is an editor: it may publish there, but
// neither request nor accept a transfer. The plan fails, on organization,
// saying what to do, and nothing moves.
func TestAccDataset_organizationTransferRefused(t *testing.T) {
	org := acctest.RequireOrganization(t)
	edited := acctest.EditedOrganization(t)
	name := acctest.RandomName("dataset not transferred")
	config := func(testOrg, editedOrg string) string {
		return fmt.Sprintf(`
resource "datagouv_dataset" "test" {
  title        = "%[1]s in"
  description  = "Stays where it is."
  organization = %[2]q
}

resource "datagouv_dataset" "edited" {
  title        = "%[1]s out"
  description  = "Stays where it is."
  organization = %[3]q
}
`, name, testOrg, editedOrg)
	}
	stays := func(addr, want string) resource.TestCheckFunc {
		return checkDatasetOnPortal(t, addr, func(ds *client.Dataset) error {
			if ds.Organization == nil || ds.Organization.ID != want {
				return fmt.Errorf("%s: portal organization = %+v, want %s", addr, ds.Organization, want)
			}
			return nil
		})
	}
	unmoved := resource.ComposeAggregateTestCheckFunc(stays(datasetAddr, org), stays("datagouv_dataset.edited", edited))

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(org, edited), Check: unmoved},
			{
				// Into it: an administrator of the recipient must accept.
				Config:      config(edited, edited),
				ExpectError: regexp.MustCompile(`(?s)Cannot accept the transfer to this organization.*is\s+not\s+one.*-replace`),
			},
			{
				// Out of it: only its administrators may request it.
				Config:      config(org, org),
				ExpectError: regexp.MustCompile(`(?s)Cannot move the dataset out of its organization.*is\s+not\s+one.*-replace`),
			},
			{
				// Nothing moved, nothing left to do.
				Config:           config(org, edited),
				ConfigPlanChecks: acctest.PlansNothing(),
				Check:            unmoved,
			},
		},
	})
}

func TestAccDataservice_organizationTransfer(t *testing.T) {
	org := acctest.RequireOrganization(t)
	second := acctest.AdministeredOrganization(t)
	title := acctest.RandomName("transferred dataservice")
	config := func(orgID string) string {
		return dataserviceConfig("", fmt.Sprintf("title = %q", title), `base_api_url = "https://api.example.org/v1/"`,
			fmt.Sprintf("organization = %q", orgID))
	}
	id := acctest.SameID(dataserviceAddr)
	onPortal := func(want string) resource.TestCheckFunc {
		return checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
			if d.Organization == nil || d.Organization.ID != want {
				return fmt.Errorf("portal organization = %+v, want %s", d.Organization, want)
			}
			return nil
		})
	}

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config:            config(org),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()},
				Check:             onPortal(org),
			},
			{
				Config:           config(second),
				ConfigPlanChecks: acctest.Plans(dataserviceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("organization"), knownvalue.StringExact(second)),
				},
				Check: onPortal(second),
			},
			acctest.Import(dataserviceAddr, "timeouts"),
		},
	})
}
