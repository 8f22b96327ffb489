package provider_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

const dataserviceAddr = "datagouv_dataservice.test"

// dataserviceConfig is a datagouv_dataservice block with the given body lines,
// after the blocks in extra (datasets, contact points it names).
func dataserviceConfig(extra string, body ...string) string {
	return extra + fmt.Sprintf("resource \"datagouv_dataservice\" \"test\" {\n  %s\n}\n", strings.Join(body, "\n  "))
}

// servedObjects are a dataset and a contact point the test dataservice names.
func servedObjects(name string) string {
	return fmt.Sprintf(`
resource "datagouv_dataset" "served" {
  title       = %[1]q
  description = "Served by the acceptance test dataservice."
  %[2]s
}

resource "datagouv_contact_point" "api" {
  name  = "API team %[1]s"
  email = "api-team@example.org"
  role  = "contact"
  %[2]s
}
`, name, orgLine())
}

func dataserviceFullConfig(title string) string {
	return dataserviceConfig(servedObjects(title),
		fmt.Sprintf("title = %q", title),
		`acronym = "TFAPI"`,
		`description = "Created by the acceptance tests of terraform-provider-datagouv.\n\nSafe to delete."`,
		`base_api_url = "https://api.example.org/v1/"`,
		`machine_documentation_url = "https://api.example.org/v1/openapi.json"`,
		`technical_documentation_url = "https://api.example.org/docs/"`,
		`business_documentation_url = "https://example.org/about-the-api"`,
		`rate_limiting = "50 requests per second"`,
		`rate_limiting_url = "https://example.org/limits"`,
		`availability = 99.9`,
		`availability_url = "https://status.example.org/"`,
		`format = "REST"`,
		`license = "lov2"`,
		`tags = ["terraform", "api-test"]`,
		`private = true`,
		`extras = { "tfacc:kept" = "one", "tfacc:removed" = "two" }`,
		`datasets = [datagouv_dataset.served.id]`,
		`contact_points = [datagouv_contact_point.api.id]`,
		`access_type = "restricted"`,
		`access_audiences = [{ role = "private", condition = "no" }, { role = "company_and_association", condition = "under_condition" }]`,
		`authorization_request_url = "https://example.org/ask-for-access"`,
		`access_type_reason_category = "confidentiality_of_personal_data"`,
		`access_type_reason = "The API serves personal data."`,
		orgLine(),
		`archived = false`,
	)
}

func dataserviceUpdatedConfig(title string) string {
	return dataserviceConfig(servedObjects(strings.TrimSuffix(title, "-renamed")),
		fmt.Sprintf("title = %q", title),
		`acronym = "TFAPI2"`,
		`description = "Updated."`,
		`base_api_url = "https://api.example.org/v2/"`,
		`machine_documentation_url = "https://api.example.org/v2/openapi.json"`,
		`rate_limiting = "10 requests per second"`,
		`availability = 95`,
		`format = "WMS"`,
		`license = "odc-odbl"`,
		`tags = ["terraform", "updated-tag"]`,
		`private = false`,
		`extras = { "tfacc:kept" = "changed", "tfacc:added" = "three" }`,
		`access_type = "open_with_account"`,
		`access_type_reason = "Accounts let us warn users of changes."`,
		orgLine(),
		`archived = true`,
	)
}

func dataserviceMinimalConfig(title string) string {
	return dataserviceConfig("", fmt.Sprintf("title = %q", title), orgLine())
}

// checkDataserviceOnPortal asserts on the portal's copy of the test
// dataservice.
func checkDataserviceOnPortal(t *testing.T, check func(*client.Dataservice) error) resource.TestCheckFunc {
	return checkOnPortal(t, dataserviceAddr, func(ctx context.Context, c *client.Client, id string) (*client.Dataservice, error) {
		return c.Dataservices.Get(ctx, id)
	}, check)
}

// checkDataserviceSoftDeleted is the CheckDestroy of dataservice tests:
// destroy is a soft delete, so the editor still reads it, with deleted_at.
func checkDataserviceSoftDeleted(t *testing.T) resource.TestCheckFunc {
	return checkEachDestroyed(t, "datagouv_dataservice", func(ctx context.Context, c *client.Client, id string) error {
		d, err := c.Dataservices.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("dataservice %s after destroy: %w (want it soft-deleted, readable by its editor)", id, err)
		}
		if d.DeletedAt == nil {
			return fmt.Errorf("dataservice %s still exists after destroy", id)
		}
		return nil
	})
}

func TestAccDataservice_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice")
	id := acctest.SameID(dataserviceAddr)
	org := acctest.Site().OrgID

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config:           dataserviceFullConfig(title),
				ConfigPlanChecks: acctest.Plans(dataserviceAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("availability"), knownvalue.Float64Exact(99.9)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("datasets"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("contact_points"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("access_audiences"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"role": knownvalue.StringExact("private"), "condition": knownvalue.StringExact("no")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"role": knownvalue.StringExact("company_and_association"), "condition": knownvalue.StringExact("under_condition")}),
					})),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("deleted"), knownvalue.Null()),
					stateValue(dataserviceAddr, "slug"), stateValue(dataserviceAddr, "uri"),
					stateValue(dataserviceAddr, "created_at"), stateValue(dataserviceAddr, "last_modified"),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(dataserviceAddr, "datasets.0", "datagouv_dataset.served", "id"),
					resource.TestCheckResourceAttrPair(dataserviceAddr, "contact_points.0", "datagouv_contact_point.api", "id"),
					checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
						var errs []error
						want := func(what string, got, exp any) {
							if fmt.Sprint(got) != fmt.Sprint(exp) {
								errs = append(errs, fmt.Errorf("portal %s = %v, want %v", what, got, exp))
							}
						}
						want("title", d.Title, title)
						want("base_api_url", deref(d.BaseAPIURL), "https://api.example.org/v1/")
						want("format", deref(d.Format), "REST")
						want("license", deref(d.License), "lov2")
						want("tags", d.Tags, []string{"api-test", "terraform"})
						want("private", d.Private, true)
						want("access_type", d.AccessType, "restricted")
						want("audiences", len(d.AccessAudiences), 2)
						want("extras[tfacc:kept]", d.Extras["tfacc:kept"], "one")
						want("datasets", d.Datasets.Total, 1)
						if org != "" && (d.Organization == nil || d.Organization.ID != org) {
							errs = append(errs, fmt.Errorf("portal organization = %+v, want %s", d.Organization, org))
						}
						return errors.Join(errs...)
					}),
				),
			},
			acctest.Import(dataserviceAddr),
			{
				// Every argument changes in place: same id.
				Config:           dataserviceUpdatedConfig(title + "-renamed"),
				ConfigPlanChecks: acctest.Plans(dataserviceAddr, plancheck.ResourceActionUpdate, plancheck.ExpectUnknownValue(dataserviceAddr, tfjsonpath.New("slug"))),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("archived"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("datasets"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("access_audiences"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
						"tfacc:kept": knownvalue.StringExact("changed"), "tfacc:added": knownvalue.StringExact("three"),
					})),
				},
				Check: checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
					if _, ok := d.Extras["tfacc:removed"]; ok || d.Extras["tfacc:added"] != "three" {
						return fmt.Errorf("portal extras = %v", d.Extras)
					}
					if d.ArchivedAt == nil || d.Private || d.AccessType != "open_with_account" || deref(d.Format) != "WMS" {
						return fmt.Errorf("portal archived/private/access/format = %v/%v/%s/%s", d.ArchivedAt, d.Private, d.AccessType, deref(d.Format))
					}
					return nil
				}),
			},
			acctest.Import(dataserviceAddr),
			{
				// Clearing every optional argument clears it on the portal.
				Config: dataserviceMinimalConfig(title + "-renamed"),
				ConfigPlanChecks: acctest.Plans(dataserviceAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("slug"), knownvalue.NotNull())),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("availability"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("access_type"), knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("extras"), knownvalue.MapSizeExact(0)),
				},
				Check: checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
					if d.License != nil || d.Format != nil || d.BaseAPIURL != nil || d.Acronym != nil || len(d.Tags) != 0 || d.ArchivedAt != nil {
						return fmt.Errorf("portal kept cleared values: %+v", d)
					}
					for k := range d.Extras {
						if strings.HasPrefix(k, "tfacc:") {
							return fmt.Errorf("portal extras still hold %q", k)
						}
					}
					return nil
				}),
			},
			acctest.Import(dataserviceAddr),
			acctest.ImportBySlug(dataserviceAddr),
		},
	})
}

// TestAccDataservice_softDeletedOutOfBand: a dataservice deleted in the web
// UI stays in state; the plan shows an in-place update, and apply restores
// the same dataservice with its whole configuration.
func TestAccDataservice_softDeletedOutOfBand(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice-restore")
	config := dataserviceConfig("", fmt.Sprintf("title = %q", title), `tags = ["restore-me"]`, `format = "REST"`, orgLine(),
		`timeouts { update = "10m" }`)
	id := acctest.SameID(dataserviceAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config),
			id.Restored(config, id.DeletedOutOfBand(t, acctest.Client(t).Dataservices.Delete),
				checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
					if d.DeletedAt != nil || !slices.Equal(d.Tags, []string{"restore-me"}) || deref(d.Format) != "REST" {
						return fmt.Errorf("not restored with its configuration: deleted %v, tags %v, format %v", d.DeletedAt, d.Tags, d.Format)
					}
					return nil
				})),
		},
	})
}

// TestAccDataservice_purgedOutOfBand: once the portal purged a deleted
// dataservice (404), it leaves the state with a warning and is created anew.
func TestAccDataservice_purgedOutOfBand(t *testing.T) {
	purge := acctest.Purger(t)
	title := acctest.RandomName("dataservice-purged")
	config := dataserviceConfig("", fmt.Sprintf("title = %q", title))
	id := acctest.NewID(dataserviceAddr)
	// Sequential: purging removes every soft-deleted object of the site,
	// among them those of parallel tests that restore them.
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config),
			id.Recreated(config, id.DeletedOutOfBand(t, acctest.Client(t).Dataservices.Delete, purge)),
		},
	})
}

// patchDataservice changes a dataservice out of band with a raw PATCH, the
// way the web interface or another tool writes only some fields.
func patchDataservice(t *testing.T, id string, body map[string]any) {
	t.Helper()
	acctest.OutOfBand(t, http.MethodPatch, "/api/1/dataservices/"+id+"/", body, http.StatusOK)
}

// TestAccDataservice_serverExtrasAreNotDrift: extras keys someone else
// writes are never a change, and survive the provider's updates (which
// write the whole extras object, udata having no per-key endpoint for
// dataservices).
func TestAccDataservice_serverExtrasAreNotDrift(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice-extras")
	config := func(value string) string {
		return dataserviceConfig("", fmt.Sprintf("title = %q", title), fmt.Sprintf(`extras = { "tfacc:mine" = %q }`, value))
	}
	id := acctest.SameID(dataserviceAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config("a")),
			{
				PreConfig: func() {
					d, err := acctest.Client(t).Dataservices.Get(context.Background(), id.Value())
					if err != nil {
						t.Fatal(err)
					}
					extras := d.Extras
					extras["tfacc:other-tool"] = "kept"
					extras["harvest:count"] = 3
					patchDataservice(t, id.Value(), map[string]any{"extras": extras})
				},
				Config:           config("a"),
				ConfigPlanChecks: acctest.PlansNothing(),
			},
			{
				Config:            config("b"),
				ConfigPlanChecks:  acctest.Plans(dataserviceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()},
				Check: checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
					if d.Extras["tfacc:mine"] != "b" || d.Extras["tfacc:other-tool"] != "kept" || d.Extras["harvest:count"] == nil {
						return fmt.Errorf("portal extras = %v", d.Extras)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccDataservice_hiddenServedDataset: a served dataset that is private
// to another account is missing from what the key lists, but counted: it
// is no drift.
func TestAccDataservice_hiddenServedDataset(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	ds := acctest.CreateDataset(t, acctest.NewClient(t, otherKey), &client.DatasetInput{
		Title: acctest.RandomName("hidden served dataset"), Description: "Private to another account.", Private: true,
	})
	config := dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-hidden")),
		fmt.Sprintf("datasets = [%q]", ds.ID))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.Converges(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dataserviceAddr, tfjsonpath.New("datasets"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(ds.ID)})),
			},
		}},
	})
}

// TestAccDataservice_badConfiguration: each mistake gives a diagnostic on
// the right attribute at plan time, and nothing is written on the portal.
func TestAccDataservice_badConfiguration(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataservice-bad")
	base := func(extra ...string) string {
		return dataserviceConfig("", append([]string{fmt.Sprintf("title = %q", title)}, extra...)...)
	}
	testBadConfigurations(t, title, []badConfiguration{
		{"blank title", dataserviceConfig("", `title = "  "`), errorPattern("Blank value", "title must not be empty")},
		{"unknown licence", base(`license = "cc-bysa"`), errorPattern("Unknown licence", `license = "cc-bysa"`, `Did you mean "cc-by-sa"`)},
		{"lower-case format", base(`format = "rest"`), errorPattern("format", `value must be one of: ["REST" "WMS" "WSL"]`)},
		{"availability above 100", base(`availability = 101`), errorPattern("availability", "must be between 0.000000 and 100.000000")},
		{"not a URL", base(`base_api_url = "api.example.org/v1"`), errorPattern("Invalid URL", "base_api_url =", "not an absolute URL")},
		{"URL with spaces", base(`machine_documentation_url = " https://api.example.org/openapi.json"`), errorPattern("URL with surrounding white space", "machine_documentation_url =")},
		{"non-canonical tag", base(`tags = ["Open Data"]`), errorPattern("Tag not in data.gouv.fr's form", `Write "open-data"`)},
		{"dataset slug", base(`datasets = ["my-dataset"]`), errorPattern("datasets", "must be an id")},
		{"audiences without restriction", base(`access_audiences = [{ role = "private", condition = "no" }]`),
			errorPattern("Access audiences without a restricted access", "access_audiences =", `access_type = "open"`)},
		{"two conditions for a role", base(`access_type = "restricted"`, `access_audiences = [{ role = "private", condition = "no" }, { role = "private", condition = "yes" }]`),
			errorPattern("Two conditions for one audience", "access_audiences =")},
		{"unknown reason category", base(`access_type_reason_category = "personal_data"`),
			errorPattern("Unknown access reason category", "access_type_reason_category =", `"confidentiality_of_personal_data"`)},
		{"unknown access type", base(`access_type = "closed"`), errorPattern("access_type", "value must be one of")},
		{"organization slug", base(`organization = "my-organization"`), errorPattern("organization", "24 hexadecimal characters")},
		{"unknown dataset", base(fmt.Sprintf("datasets = [%q]", unusedObjectID(t))),
			errorPattern("Dataset not found", "datasets = ", "data.gouv.fr has no dataset")},
		{"unknown contact point", base(fmt.Sprintf("contact_points = [%q]", unusedObjectID(t))),
			errorPattern("Contact point not found", "contact_points = ", "contact_points[0]: data.gouv.fr has no contact point")},
		{"extras key with a dollar", base(`extras = { "$ref" = "x" }`), errorPattern(`Extras key starting with "$"`, "extras = ", `extras["$ref"]`)},
	})
}

// TestAccDataservice_foreignOrganization: publishing as an organization the
// key's user is not a member of fails at plan time, on organization.
func TestAccDataservice_foreignOrganization(t *testing.T) {
	otherOrg := acctest.OtherOrganization(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-foreign")), fmt.Sprintf("organization = %q", otherOrg)),
			ExpectError: errorPattern("Not a member of the organization", "organization ="),
		}},
	})
}

// TestAccDataservice_emptyStrings: an optional string set to "" is the same
// as none (udata stores a blank string as null), and never a change.
func TestAccDataservice_emptyStrings(t *testing.T) {
	acctest.PreCheck(t)
	config := dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-empty")),
		`acronym = ""`, `base_api_url = ""`, `rate_limiting = ""`, `license = ""`, `access_type_reason_category = ""`, `description = ""`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.Converges(),
			Check: checkDataserviceOnPortal(t, func(d *client.Dataservice) error {
				if d.Acronym != nil || d.BaseAPIURL != nil || d.RateLimiting != nil || d.License != nil || d.AccessTypeReasonCategory != nil {
					return fmt.Errorf("empty strings stored as values: %+v", d)
				}
				return nil
			}),
		}},
	})
}

// TestAccDataservice_deletedSeenByNonEditor: a key that is not an editor of
// a soft-deleted dataservice reads 410; it stays in state, planned for a
// restore, which an editor's key then carries out.
func TestAccDataservice_deletedSeenByNonEditor(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	block := dataserviceConfig("", fmt.Sprintf("title = %q", acctest.RandomName("dataservice-gone")))
	id := acctest.SameID(dataserviceAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(block),
			restorePlannedWithKey(otherKey, dataserviceAddr, block, id.DeletedOutOfBand(t, acctest.Client(t).Dataservices.Delete)),
			id.Restored(block, nil, nil),
		},
	})
}
