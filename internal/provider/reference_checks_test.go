package provider_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// Plan-time checks against the portal's own lists and memberships.

// 50 datasets with a licence in one plan: the licence list is fetched once
// per configured provider, not once per dataset.
//
// Terraform starts the provider anew for each command (validate, plan,
// apply, destroy: terraform-plugin-testing runs several per step), and each
// start configures it afresh with an empty cache. So the bound is "at most
// one fetch per ConfigureProvider call", which this test counts by wrapping
// the provider server; without the cache it would be at least 50 per plan.
func TestAccDatasetLicenseCheck_fetchedOncePerProvider(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.RequireEmulator(t, "counts requests in the emulator's log")
	var configures atomic.Int64
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := acctest.ProtoV6ProviderFactories["datagouv"]()
			return configureCounter{ProviderServer: s, n: &configures}, err
		},
	}
	// Not parallel (resource.Test): the emulator's log is shared, and no
	// parallel test runs while a sequential one does.
	before := countLicenseFetches(emu)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			// The data source reads the list through the same cache as the checks.
			Config: fmt.Sprintf(`
data "datagouv_licenses" "all" {}

resource "datagouv_dataset" "many" {
  count       = 50
  title       = "%s-${count.index}"
  description = "One of 50 datasets planned together."
  license     = "odc-odbl"
}
`, acctest.RandomName("licence check")),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})

	// resource.Test has returned: every command of the test has run.
	// (CheckDestroy would not: there is no destroy when nothing was created.)
	fetches, n := countLicenseFetches(emu)-before, configures.Load()
	t.Logf("%d licence list fetches for %d provider configurations", fetches, n)
	if fetches < 1 {
		t.Fatal("the licence list was never fetched: the plan-time licence check did not run")
	}
	if int64(fetches) > n {
		t.Errorf("the licence list was fetched %d times for %d provider configurations: the cache is not shared", fetches, n)
	}
}

// A typo in a licence fails at plan, with the close match.
func TestAccDatasetLicenseCheck_typo(t *testing.T) {
	acctest.PreCheck(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "datagouv_dataset" "typo" {
  title       = %q
  description = "A licence id with a typo."
  license     = "odc-odbll"
}
`, acctest.RandomName("licence typo")),
			PlanOnly:    true,
			ExpectError: errorPattern("Unknown licence", `"odc-odbll"`, `Did you mean "odc-odbl"`),
		}},
	})
}

// An organization the caller does not belong to fails at plan, naming the
// organization; nothing is sent to the portal but reads.
func TestAccDatasetOrganizationCheck_notMember(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.RequireEmulator(t, "needs an organization the tests' user is not a member of")
	writesBefore := countPortalWrites(emu)
	config := func(key, org string) string {
		return providerBlockWithKey(key) + fmt.Sprintf(`
resource "datagouv_dataset" "elsewhere" {
  title        = %q
  description  = "Published as an organization the user does not belong to."
  organization = %q
}
`, acctest.RandomName("org check"), org)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// alice administers another organization.
				Config:   config(emulator.AliceKey, emulator.OtherOrgID),
				PlanOnly: true,
				ExpectError: errorPattern("Not a member of the organization",
					`"Other Organization" (`+emulator.OtherOrgID+`)`, `The user's organizations: "Emulator Organization" (`+emulator.OrgID+`)`),
			},
			{
				// bob belongs to no organization.
				Config:   config(emulator.BobKey, emulator.OrgID),
				PlanOnly: true,
				ExpectError: errorPattern("Not a member of the organization",
					`"Emulator Organization" (`+emulator.OrgID+`)`, "belongs to no organization"),
			},
		},
	})
	if n := countPortalWrites(emu) - writesBefore; n != 0 {
		t.Errorf("%d writes reached the portal, want none", n)
	}
}

// Changing the organization replaces the dataset. Terraform plans the create
// half of a replacement again with no prior state, so the new organization is
// checked at plan too, before the old dataset would be deleted.
func TestAccDatasetOrganizationCheck_changeToNonMember(t *testing.T) {
	acctest.RequireEmulator(t, "needs an organization the tests' user is not a member of")
	title := acctest.RandomName("org change")
	config := func(org string) string {
		return fmt.Sprintf(`
resource "datagouv_dataset" "moving" {
  title        = %q
  description  = "Its organization changes to one the user does not belong to."
  organization = %q
}
`, title, org)
	}
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(emulator.OrgID),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources["datagouv_dataset.moving"].Primary.ID
					return nil
				},
			},
			{
				Config: config(emulator.OtherOrgID),
				ExpectError: errorPattern("Not a member of the organization",
					`"Other Organization" (`+emulator.OtherOrgID+`)`),
			},
			{
				// The failed plan touched nothing: the dataset is still there.
				PreConfig: func() {
					ds, err := acctest.Client(t).Datasets.Get(context.Background(), id)
					if err != nil || ds.Deleted != nil || ds.Organization == nil || ds.Organization.ID != emulator.OrgID {
						t.Fatalf("after the refused plan, the dataset should be unchanged: %+v, %v", ds, err)
					}
				},
				Config:   config(emulator.OrgID),
				PlanOnly: true,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			// Destroy is udata's soft delete: its editor reads it with `deleted` set.
			ds, err := acctest.Client(t).Datasets.Get(context.Background(), id)
			if err == nil && ds.Deleted == nil {
				return fmt.Errorf("dataset %s still exists after destroy", id)
			}
			return nil
		},
	})
}

// An organization id that does not exist fails at plan too.
func TestAccDatasetOrganizationCheck_unknownOrganization(t *testing.T) {
	acctest.PreCheck(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "datagouv_dataset" "nowhere" {
  title        = %q
  description  = "Published as an organization that does not exist."
  organization = %q
}
`, acctest.RandomName("org check"), unusedObjectID(t)),
			PlanOnly:    true,
			ExpectError: errorPattern("Organization not found"),
		}},
	})
}

// A member's plan goes through (the check does not get in the way).
func TestAccDatasetOrganizationCheck_member(t *testing.T) {
	acctest.PreCheck(t)
	orgID := acctest.RequireOrganization(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "datagouv_dataset" "member" {
  title        = %q
  description  = "Published as the user's organization."
  organization = %q
}
`, acctest.RandomName("org check"), orgID),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// configureCounter counts the provider configurations of a test.
type configureCounter struct {
	tfprotov6.ProviderServer
	n *atomic.Int64
}

func (c configureCounter) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	c.n.Add(1)
	return c.ProviderServer.ConfigureProvider(ctx, req)
}

func countLicenseFetches(emu *emulator.Server) int {
	n := 0
	for _, r := range emu.Requests() {
		if r.Method == "GET" && r.Path == "/api/1/datasets/licenses/" {
			n++
		}
	}
	return n
}

func countPortalWrites(emu *emulator.Server) int {
	n := 0
	for _, r := range emu.Requests() {
		if r.Method != "GET" && r.Method != "HEAD" {
			n++
		}
	}
	return n
}
