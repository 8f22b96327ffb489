package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
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
	return checkEachDestroyed(t, "datagouv_contact_point", func(ctx context.Context, c *client.Client, id string) error {
		if _, err := c.ContactPoints.Get(ctx, id); !errors.Is(err, client.ErrNotFound) {
			return fmt.Errorf("contact point %s after destroy: %v, want 404", id, err)
		}
		return nil
	})
}

// checkContactPointOnPortal asserts on the portal's copy of the test
// contact point.
func checkContactPointOnPortal(t *testing.T, check func(*client.ContactPoint) error) resource.TestCheckFunc {
	return checkOnPortal(t, contactPointAddr, func(ctx context.Context, c *client.Client, id string) (*client.ContactPoint, error) {
		return c.ContactPoints.Get(ctx, id)
	}, check)
}

func TestAccContactPoint_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("Open data team")
	org := acctest.Site().OrgID
	id := acctest.SameID(contactPointAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkContactPointsDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: contactPointConfig(fmt.Sprintf("name = %q", name), `email = "open-data@example.org"`,
					`contact_form = "https://example.org/contact"`, `role = "contact"`, orgLine()),
				ConfigPlanChecks: acctest.Plans(contactPointAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
				},
				Check: checkContactPointOnPortal(t, func(cp *client.ContactPoint) error {
					if cp.Name != name || deref(cp.Email) != "open-data@example.org" || cp.Role != "contact" {
						return fmt.Errorf("portal contact point %+v", cp)
					}
					if org != "" && (cp.Organization == nil || cp.Organization.ID != org) {
						return fmt.Errorf("portal organization %+v, want %s", cp.Organization, org)
					}
					return nil
				}),
			},
			acctest.Import(contactPointAddr),
			{
				// In place: the e-mail goes, the role changes.
				Config: contactPointConfig(fmt.Sprintf("name = %q", name+" renamed"), `contact_form = "https://example.org/contact-us"`,
					`role = "publisher"`, orgLine()),
				ConfigPlanChecks: acctest.Plans(contactPointAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("email"), knownvalue.Null()),
				},
				Check: checkContactPointOnPortal(t, func(cp *client.ContactPoint) error {
					if cp.Email != nil || cp.Role != "publisher" || deref(cp.ContactForm) != "https://example.org/contact-us" {
						return fmt.Errorf("portal contact point %+v", cp)
					}
					return nil
				}),
			},
			acctest.Import(contactPointAddr),
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
				Config:           contactPointConfig(fmt.Sprintf("name = %q", acctest.RandomName("Jane Doe")), `role = "creator"`),
				ConfigPlanChecks: acctest.Converges(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("owner"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(contactPointAddr, tfjsonpath.New("organization"), knownvalue.Null()),
				},
			},
			acctest.Import(contactPointAddr),
		},
	})
}

// TestAccContactPoint_deletedOutOfBand: deleted on the portal (for good),
// it leaves the state with a warning and the next apply creates it anew.
func TestAccContactPoint_deletedOutOfBand(t *testing.T) {
	acctest.PreCheck(t)
	config := contactPointConfig(fmt.Sprintf("name = %q", acctest.RandomName("Deleted contact")), `email = "gone@example.org"`, `role = "contact"`, orgLine())
	id := acctest.NewID(contactPointAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkContactPointsDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config),
			id.Recreated(config, id.DeletedOutOfBand(t, acctest.Client(t).ContactPoints.Delete)),
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
				ExpectError: errorPattern("Identical contact point already exists", cp.ID),
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
				Config:           contactPointConfig(fmt.Sprintf("name = %q", name), `email = "existing@example.org"`, `role = "contact"`, orgLine()),
				ConfigPlanChecks: acctest.PlansNothing(),
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
	testBadConfigurations(t, name, []badConfiguration{
		{"unknown role", base(`role = "owner"`, `email = "x@example.org"`), errorPattern("Unknown contact point role", `role = "owner"`, `Valid roles`)},
		{"role typo", base(`role = "publsher"`), errorPattern("Unknown contact point role", `Did you mean "publisher"`)},
		{"contact without means", base(`role = "contact"`), errorPattern("Contact without an e-mail or a contact form", "email")},
		{"contact with empty email", base(`role = "contact"`, `email = ""`), errorPattern("Contact without an e-mail or a contact form")},
		{"bad email", base(`role = "creator"`, `email = "jane.example.org"`), errorPattern("Invalid e-mail address", "email =")},
		{"bad contact form", base(`role = "creator"`, `contact_form = "example.org/contact"`), errorPattern("Invalid URL", "contact_form =")},
		{"blank name", contactPointConfig(`name = " "`, `role = "creator"`), errorPattern("Blank value", "name must not be empty")},
		{"organization slug", base(`role = "creator"`, `organization = "my-org"`), errorPattern("organization", "24 hexadecimal characters")},
		{"web address in the name", contactPointConfig(`name = "Open data team, Paris.fr"`, `role = "creator"`),
			errorPattern("Web address not allowed", `name = "Open data team, Paris.fr"`, `holds "Paris.fr"`)},
	})
}
