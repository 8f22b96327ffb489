package provider_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Plan-time checks against the portal's own lists and memberships.

// 50 datasets with a licence in one plan: the licence list is fetched once
// per configured provider, not once per dataset.
//
// Terraform starts the provider anew for each command (validate, plan,
// apply, destroy: terraform-plugin-testing runs several per step), and each
// start configures it afresh with an empty cache (and so does each
// validation of its configuration). So the bound is "at most one fetch per
// ConfigureProvider or ValidateProviderConfig call", which this test counts
// by wrapping the provider server; without the cache it would be at least
// 50 per plan.
func TestAccDatasetLicenseCheck_fetchedOncePerProvider(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	var configures atomic.Int64
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := log.Server()
			return configureCounter{ProviderServer: s, n: &configures}, err
		},
	}
	resource.ParallelTest(t, resource.TestCase{
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
	fetches, n := acctest.CountRequests(log.Requests(), "GET", "/api/1/datasets/licenses/"), configures.Load()
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
	resource.ParallelTest(t, resource.TestCase{
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
	log := acctest.NewLog(t)
	orgID := acctest.RequireOrganization(t)
	otherKey := acctest.RequireOtherKey(t)
	otherOrg := acctest.OtherOrganization(t)
	config := func(key, org string) string {
		return providerBlockWithKey(key) + fmt.Sprintf(`
resource "datagouv_dataset" "elsewhere" {
  title        = %q
  description  = "Published as an organization the user does not belong to."
  organization = %q
}
`, acctest.RandomName("org check"), org)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{
				// The tests' user administers another organization.
				Config:   config(acctest.Site().APIKey, otherOrg),
				PlanOnly: true,
				ExpectError: errorPattern("Not a member of the organization",
					`"`+acctest.OrganizationName(t, otherOrg)+`" (`+otherOrg+`)`,
					// Among the user's organizations, wherever it is: other
					// tests (acctest.PublishCatalogue) and a real user's
					// history add more.
					`The user's organizations:`, `"`+acctest.OrganizationName(t, orgID)+`" (`+orgID+`)`),
			},
			{
				// The other user belongs to no organization.
				Config:   config(otherKey, orgID),
				PlanOnly: true,
				ExpectError: errorPattern("Not a member of the organization",
					`"`+acctest.OrganizationName(t, orgID)+`" (`+orgID+`)`, "belongs to no organization"),
			},
		},
	})
	if w := acctest.Writes(log.Requests()); len(w) != 0 {
		t.Errorf("%d writes reached the portal, want none: %v", len(w), w)
	}
}

// Changing the organization replaces the dataset. Terraform plans the create
// half of a replacement again with no prior state, so the new organization is
// checked at plan too, before the old dataset would be deleted.
func TestAccDatasetOrganizationCheck_changeToNonMember(t *testing.T) {
	orgID := acctest.RequireOrganization(t)
	otherOrg := acctest.OtherOrganization(t)
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(orgID),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources["datagouv_dataset.moving"].Primary.ID
					return nil
				},
			},
			{
				Config: config(otherOrg),
				ExpectError: errorPattern("Not a member of the organization",
					`"`+acctest.OrganizationName(t, otherOrg)+`" (`+otherOrg+`)`),
			},
			{
				// The failed plan touched nothing: the dataset is still there.
				PreConfig: func() {
					ds, err := acctest.Client(t).Datasets.Get(context.Background(), id)
					if err != nil || ds.Deleted != nil || ds.Organization == nil || ds.Organization.ID != orgID {
						t.Fatalf("after the refused plan, the dataset should be unchanged: %+v, %v", ds, err)
					}
				},
				Config:   config(orgID),
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
	resource.ParallelTest(t, resource.TestCase{
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

// A member's plan goes through untouched by the check: the dataset is
// planned for creation in the organization, with no diagnostic at all (no
// error, no warning), and is published there.
func TestAccDatasetOrganizationCheck_member(t *testing.T) {
	acctest.PreCheck(t)
	orgID := acctest.RequireOrganization(t)
	const addr = "datagouv_dataset.member"
	var mu sync.Mutex
	var diags []*tfprotov6.Diagnostic
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"datagouv": func() (tfprotov6.ProviderServer, error) {
			s, err := acctest.ProtoV6ProviderFactories["datagouv"]()
			return planDiagnostics{ProviderServer: s, mu: &mu, diags: &diags}, err
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "datagouv_dataset" "member" {
  title        = %q
  description  = "Published as the user's organization."
  organization = %q
}
`, acctest.RandomName("org check"), orgID),
			ConfigPlanChecks: acctest.Plans(addr, plancheck.ResourceActionCreate,
				plancheck.ExpectKnownValue(addr, tfjsonpath.New("organization"), knownvalue.StringExact(orgID))),
			Check: checkDatasetOnPortal(t, addr, func(ds *client.Dataset) error {
				if ds.Organization == nil || ds.Organization.ID != orgID {
					return fmt.Errorf("the dataset's organization on the portal is %+v, want %s", ds.Organization, orgID)
				}
				return nil
			}),
		}},
	})
	mu.Lock()
	defer mu.Unlock()
	for _, d := range diags {
		t.Errorf("plan diagnostic for a member: %s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
}

// configureCounter counts the provider configurations of a test: those
// Terraform configures, and those it validates (the checks against the
// portal run during validation too, with a cache of their own).
type configureCounter struct {
	tfprotov6.ProviderServer
	n *atomic.Int64
}

func (c configureCounter) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	c.n.Add(1)
	return c.ProviderServer.ConfigureProvider(ctx, req)
}

func (c configureCounter) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	c.n.Add(1)
	return c.ProviderServer.ValidateProviderConfig(ctx, req)
}
