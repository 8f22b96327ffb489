package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

const contactPointAddr = "datagouv_contact_point.test"

func contactPointConfig(body ...string) string {
	return fmt.Sprintf("resource \"datagouv_contact_point\" \"test\" {\n  %s\n}\n", strings.Join(body, "\n  "))
}

// checkContactPointsDeleted is the CheckDestroy of contact point tests:
// udata deletes them for good.
func checkContactPointsDeleted(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "datagouv_contact_point" {
				continue
			}
			if _, err := acctest.Client(t).ContactPoints.Get(context.Background(), rs.Primary.ID); !errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("contact point %s after destroy: %v, want 404", rs.Primary.ID, err)
			}
		}
		return nil
	}
}

func checkContactPointPortal(t *testing.T, check func(*client.ContactPoint) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		cp, err := acctest.Client(t).ContactPoints.Get(context.Background(), s.RootModule().Resources[contactPointAddr].Primary.ID)
		if err != nil {
			return err
		}
		return check(cp)
	}
}

func TestAccContactPoint_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("Open data team")
	org := acctest.Site().OrgID
	sameID := statecheck.CompareValue(compare.ValuesSame())
	empty := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkContactPointsDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: contactPointConfig(fmt.Sprintf("name = %q", name), `email = "open-data@example.org"`,
					`contact_form = "https://example.org/contact"`, `role = "contact"`, orgLine()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactPointAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: empty,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(contactPointAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				},
				Check: checkContactPointPortal(t, func(cp *client.ContactPoint) error {
					if cp.Name != name || deref(cp.Email) != "open-data@example.org" || cp.Role != "contact" {
						return fmt.Errorf("portal contact point %+v", cp)
					}
					if org != "" && (cp.Organization == nil || cp.Organization.ID != org) {
						return fmt.Errorf("portal organization %+v, want %s", cp.Organization, org)
					}
					return nil
				}),
			},
			{ResourceName: contactPointAddr, ImportState: true, ImportStateVerify: true},
			{
				// In place: the e-mail goes, the role changes.
				Config: contactPointConfig(fmt.Sprintf("name = %q", name+" renamed"), `contact_form = "https://example.org/contact-us"`,
					`role = "publisher"`, orgLine()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactPointAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: empty,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(contactPointAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("email"), knownvalue.Null()),
				},
				Check: checkContactPointPortal(t, func(cp *client.ContactPoint) error {
					if cp.Email != nil || cp.Role != "publisher" || deref(cp.ContactForm) != "https://example.org/contact-us" {
						return fmt.Errorf("portal contact point %+v", cp)
					}
					return nil
				}),
			},
			{ResourceName: contactPointAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccContactPoint_ownedByUser: without organization, the contact point
// is the key's user's own.
func TestAccContactPoint_ownedByUser(t *testing.T) {
	acctest.PreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkContactPointsDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: contactPointConfig(fmt.Sprintf("name = %q", acctest.RandomName("Jane Doe")), `role = "creator"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("owner"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("organization"), knownvalue.Null()),
				},
			},
			{ResourceName: contactPointAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccContactPoint_deletedOutOfBand: deleted on the portal (for good),
// it leaves the state with a warning and the next apply creates it anew.
func TestAccContactPoint_deletedOutOfBand(t *testing.T) {
	acctest.PreCheck(t)
	config := contactPointConfig(fmt.Sprintf("name = %q", acctest.RandomName("Deleted contact")), `email = "gone@example.org"`, `role = "contact"`, orgLine())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	var id string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkContactPointsDeleted(t),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(contactPointAddr, tfjsonpath.New("id"))},
				Check:             resource.TestCheckResourceAttrWith(contactPointAddr, "id", func(v string) error { id = v; return nil }),
			},
			{
				PreConfig: func() {
					if err := acctest.Client(t).ContactPoints.Delete(context.Background(), id); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(contactPointAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(contactPointAddr, tfjsonpath.New("id"))},
			},
		},
	})
}

// TestAccContactPoint_identicalExists: udata keeps one contact point per
// set of fields and owner; creating a copy fails with the id to import,
// rather than adopting (and later deleting) someone else's.
func TestAccContactPoint_identicalExists(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("Existing contact")
	cp, err := acctest.Client(t).ContactPoints.Create(context.Background(), &client.ContactPointInput{
		Name: name, Email: new("existing@example.org"), Role: "contact", Organization: acctest.Site().OrgID,
	})
	if err != nil {
		t.Fatalf("create the existing contact point: %v", err)
	}
	t.Cleanup(func() { _ = acctest.Client(t).ContactPoints.Delete(context.Background(), cp.ID) })
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      contactPointConfig(fmt.Sprintf("name = %q", name), `email = "existing@example.org"`, `role = "contact"`, orgLine()),
				ExpectError: wantError("Identical contact point already exists", cp.ID),
			},
			{
				// Imported instead, it is managed as any other.
				Config:             contactPointConfig(fmt.Sprintf("name = %q", name), `email = "existing@example.org"`, `role = "contact"`, orgLine()),
				ResourceName:       contactPointAddr,
				ImportState:        true,
				ImportStateId:      cp.ID,
				ImportStatePersist: true,
			},
			{
				Config: contactPointConfig(fmt.Sprintf("name = %q", name), `email = "existing@example.org"`, `role = "contact"`, orgLine()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccContactPoint_badConfiguration: mistakes are reported at plan time
// on their attribute, and nothing is written.
func TestAccContactPoint_badConfiguration(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("Bad contact")
	base := func(extra ...string) string {
		return contactPointConfig(append([]string{fmt.Sprintf("name = %q", name)}, extra...)...)
	}
	tests := []struct {
		name   string
		config string
		want   *regexp.Regexp
	}{
		{"unknown role", base(`role = "owner"`, `email = "x@example.org"`), wantError("Unknown contact point role", `role = "owner"`, `Valid roles`)},
		{"role typo", base(`role = "publsher"`), wantError("Unknown contact point role", `Did you mean "publisher"`)},
		{"contact without means", base(`role = "contact"`), wantError("Contact without an e-mail or a contact form", "email")},
		{"contact with empty email", base(`role = "contact"`, `email = ""`), wantError("Contact without an e-mail or a contact form")},
		{"bad email", base(`role = "creator"`, `email = "jane.example.org"`), wantError("Invalid e-mail address", "email =")},
		{"bad contact form", base(`role = "creator"`, `contact_form = "example.org/contact"`), wantError("Invalid URL", "contact_form =")},
		{"blank name", contactPointConfig(`name = " "`, `role = "creator"`), wantError("Blank value", "name must not be empty")},
		{"organization slug", base(`role = "creator"`, `organization = "my-org"`), wantError("organization", "24 hexadecimal characters")},
	}
	before := writeCount(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tt.config, ExpectError: tt.want}},
			})
		})
	}
	assertNothingWritten(t, before, name)
}
