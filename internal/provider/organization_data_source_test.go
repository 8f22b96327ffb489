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
)

// The tests' user is a member of the organization: read by id, then by the
// slug the first read found, both say so and with which role.
func TestAccOrganizationDataSource_member(t *testing.T) {
	acctest.PreCheck(t)
	orgID := acctest.RequireOrganization(t)
	org, err := acctest.Client(t).Reference.Organization(context.Background(), orgID)
	if err != nil {
		t.Fatalf("read organization: %v", err)
	}
	var role knownvalue.Check = knownvalue.StringRegexp(regexp.MustCompile(`^(admin|editor|partial_editor)$`))
	if acctest.Site().Emulated() {
		role = knownvalue.StringExact("admin") // the emulator's fixture: alice administers the organization
	}

	byID, bySlug := "data.datagouv_organization.by_id", "data.datagouv_organization.by_slug"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "datagouv_organization" "by_id" {
  id = %q
}

data "datagouv_organization" "by_slug" {
  slug = data.datagouv_organization.by_id.slug
}
`, orgID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact(org.Name)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("slug"), knownvalue.StringExact(org.Slug)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("page"), knownvalue.StringExact(org.Page)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("is_member"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("role"), role),
				statecheck.ExpectKnownValue(bySlug, tfjsonpath.New("id"), knownvalue.StringExact(orgID)),
				statecheck.CompareValuePairs(byID, tfjsonpath.New("role"), bySlug, tfjsonpath.New("role"), compare.ValuesSame()),
				statecheck.CompareValuePairs(byID, tfjsonpath.New("acronym"), bySlug, tfjsonpath.New("acronym"), compare.ValuesSame()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// A user with no rights reads the organization, and is told they are not a
// member.
func TestAccOrganizationDataSource_notMember(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	orgID := acctest.RequireOrganization(t)
	addr := "data.datagouv_organization.org"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlockWithKey(otherKey) + fmt.Sprintf(`
data "datagouv_organization" "org" {
  id = %q
}
`, orgID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_member"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("role"), knownvalue.Null()),
			},
		}},
	})
}

// Organizations are public: no API key is needed, and nobody is a member.
func TestAccOrganizationDataSource_withoutAPIKey(t *testing.T) {
	acctest.PreCheck(t)
	orgID := acctest.RequireOrganization(t)
	unsetAPIKeyForTest(t)
	addr := "data.datagouv_organization.org"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "datagouv_organization" "org" {
  id = %q
}
`, orgID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("slug"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_member"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("role"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccOrganizationDataSource_notFound(t *testing.T) {
	acctest.PreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "datagouv_organization" "missing" {
  slug = "` + acctest.RandomName("no-such-organization") + `"
}
`,
				ExpectError: errorPattern("Organization not found", "data.gouv.fr has no organization"),
			},
			{
				Config: fmt.Sprintf(`
data "datagouv_organization" "missing" {
  id = %q
}
`, unusedObjectID(t)),
				ExpectError: errorPattern("Organization not found"),
			},
			{
				Config: `
data "datagouv_organization" "both" {
  id   = "a"
  slug = "b"
}
`,
				ExpectError: errorPattern("Invalid Attribute Combination", "[id,slug]"),
			},
		},
	})
}

// A slug written in id is refused with the argument to write instead: the
// data source's id is always the portal's id, which datagouv_dataset's
// organization accepts.
func TestAccOrganizationDataSource_slugInID(t *testing.T) {
	orgID := acctest.RequireOrganization(t)
	org, err := acctest.Client(t).Reference.Organization(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    slugInIDSteps("datagouv_organization", "organization", org.Slug, org.ID),
	})
}
