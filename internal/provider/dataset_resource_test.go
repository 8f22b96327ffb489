package provider_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
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

const datasetAddr = "datagouv_dataset.test"

// datasetFullConfig sets every argument.
func datasetFullConfig(title string) string {
	return datasetConfig(
		fmt.Sprintf("title = %q", title),
		`description = "Created by the acceptance tests of terraform-provider-datagouv.\n\nSafe to delete."`,
		`description_short = "Acceptance test dataset"`,
		`acronym = "TFACC"`,
		`tags = ["terraform", "open-data", "donnees-publiques"]`,
		`license = "odc-odbl"`,
		`frequency = "monthly"`,
		`frequency_date = "2030-01-15T08:30:00Z"`,
		`temporal_coverage = { start = "2020-01-01", end = "2020-12-31" }`,
		`spatial = { zones = ["country:fr"], granularity = "country" }`,
		`private = true`,
		orgLine(),
		`extras = { "tfacc:kept" = "one", "tfacc:removed" = "two" }`,
		`archived = false`,
		`timeouts { create = "15m" }`,
	)
}

// datasetUpdatedConfig changes every argument of datasetFullConfig in place.
func datasetUpdatedConfig(title string) string {
	return datasetConfig(
		fmt.Sprintf("title = %q", title),
		`description = "Updated description."`,
		`description_short = "Updated short description"`,
		`acronym = "TFACC2"`,
		`tags = ["terraform", "updated-tag"]`,
		`license = "cc-by"`,
		`frequency = "daily"`,
		`frequency_date = "2031-06-01T00:00:00.250Z"`,
		`temporal_coverage = { start = "2019-05-01" }`,
		`spatial = { zones = ["country:fr", "fr:region:11"], granularity = "fr:region" }`,
		`private = false`,
		orgLine(),
		`extras = { "tfacc:kept" = "changed", "tfacc:added" = "three" }`,
		`archived = true`,
	)
}

// datasetMinimalConfig leaves every optional argument out.
func datasetMinimalConfig(title string) string {
	return datasetConfig(
		fmt.Sprintf("title = %q", title),
		`description = "Minimal."`,
		orgLine(),
	)
}

// checkDatasetOnPortal asserts on the portal's copy of the dataset at
// addr, read with the tests' (editor's) key.
func checkDatasetOnPortal(t *testing.T, addr string, check func(*client.Dataset) error) resource.TestCheckFunc {
	return checkOnPortal(t, addr, func(ctx context.Context, c *client.Client, id string) (*client.Dataset, error) {
		return c.Datasets.Get(ctx, id)
	}, check)
}

func TestAccDataset_lifecycle(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset")
	id := acctest.SameID(datasetAddr)
	sameCreatedAt := statecheck.CompareValue(compare.ValuesSame())
	org := acctest.Site().OrgID

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				// Create with every argument.
				Config:           datasetFullConfig(title),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					sameCreatedAt.AddStateValue(datasetAddr, tfjsonpath.New("created_at")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("title"), knownvalue.StringExact(title)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("terraform"), knownvalue.StringExact("open-data"), knownvalue.StringExact("donnees-publiques"),
					})),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("license"), knownvalue.StringExact("odc-odbl")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("frequency"), knownvalue.StringExact("monthly")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("frequency_date"), knownvalue.StringExact("2030-01-15T08:30:00Z")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("temporal_coverage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"start": knownvalue.StringExact("2020-01-01"), "end": knownvalue.StringExact("2020-12-31"),
					})),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("private"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
						"tfacc:kept": knownvalue.StringExact("one"), "tfacc:removed": knownvalue.StringExact("two"),
					})),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("archived"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("deleted"), knownvalue.Null()),
					stateValue(datasetAddr, "slug"), stateValue(datasetAddr, "uri"), stateValue(datasetAddr, "page"),
					stateValue(datasetAddr, "created_at"), stateValue(datasetAddr, "last_modified"),
				},
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					var errs []error
					want := func(what string, got, exp any) {
						if fmt.Sprint(got) != fmt.Sprint(exp) {
							errs = append(errs, fmt.Errorf("portal %s = %v, want %v", what, got, exp))
						}
					}
					want("title", ds.Title, title)
					want("acronym", deref(ds.Acronym), "TFACC")
					want("tags", ds.Tags, []string{"donnees-publiques", "open-data", "terraform"})
					want("license", ds.License, "odc-odbl")
					want("frequency", ds.Frequency, "monthly")
					want("private", ds.Private, true)
					want("extras[tfacc:kept]", ds.Extras["tfacc:kept"], "one")
					want("archived", ds.Archived == nil, true)
					if ds.TemporalCoverage == nil || !strings.HasPrefix(ds.TemporalCoverage.Start, "2020-01-01") {
						errs = append(errs, fmt.Errorf("portal temporal_coverage = %+v", ds.TemporalCoverage))
					}
					if ds.Spatial == nil || !slices.Equal(ds.Spatial.Zones, []string{"country:fr"}) {
						errs = append(errs, fmt.Errorf("portal spatial = %+v", ds.Spatial))
					}
					if org != "" && (ds.Organization == nil || ds.Organization.ID != org) {
						errs = append(errs, fmt.Errorf("portal organization = %+v, want %s", ds.Organization, org))
					}
					return errors.Join(errs...)
				}),
			},
			{
				// Every argument changes in place: same id, same creation date.
				Config: datasetUpdatedConfig(title + "-renamed"),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectUnknownValue(datasetAddr, tfjsonpath.New("slug")),
					plancheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					sameCreatedAt.AddStateValue(datasetAddr, tfjsonpath.New("created_at")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("archived"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("private"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("frequency_date"), knownvalue.StringExact("2031-06-01T00:00:00.250Z")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("temporal_coverage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"start": knownvalue.StringExact("2019-05-01"), "end": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
						"tfacc:kept": knownvalue.StringExact("changed"), "tfacc:added": knownvalue.StringExact("three"),
					})),
				},
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					var errs []error
					if ds.Title != title+"-renamed" || ds.Description != "Updated description." {
						errs = append(errs, fmt.Errorf("portal title/description = %q/%q", ds.Title, ds.Description))
					}
					if !slices.Equal(ds.Tags, []string{"terraform", "updated-tag"}) {
						errs = append(errs, fmt.Errorf("portal tags = %v", ds.Tags))
					}
					if ds.License != "cc-by" || ds.Frequency != "daily" || ds.Private || ds.Archived == nil {
						errs = append(errs, fmt.Errorf("portal license/frequency/private/archived = %s/%s/%v/%v", ds.License, ds.Frequency, ds.Private, ds.Archived))
					}
					if _, ok := ds.Extras["tfacc:removed"]; ok {
						errs = append(errs, fmt.Errorf("extras key removed from the configuration is still on the portal: %v", ds.Extras))
					}
					if ds.Extras["tfacc:added"] != "three" || ds.Extras["tfacc:kept"] != "changed" {
						errs = append(errs, fmt.Errorf("portal extras = %v", ds.Extras))
					}
					if ds.TemporalCoverage == nil || ds.TemporalCoverage.End != nil {
						errs = append(errs, fmt.Errorf("portal temporal_coverage = %+v", ds.TemporalCoverage))
					}
					return errors.Join(errs...)
				}),
			},
			{
				// Clearing every optional argument clears it on the portal.
				Config: datasetMinimalConfig(title + "-renamed"),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate,
					// The title does not change: neither do the slug and URLs.
					plancheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("slug"), knownvalue.NotNull()),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("license"), knownvalue.StringExact("notspecified")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("frequency"), knownvalue.StringExact("unknown")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("tags"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("extras"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("temporal_coverage"), knownvalue.Null()),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("spatial"), knownvalue.Null()),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("archived"), knownvalue.Bool(false)),
				},
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					var errs []error
					if len(ds.Tags) != 0 || ds.TemporalCoverage != nil || ds.FrequencyDate != nil || ds.Archived != nil {
						errs = append(errs, fmt.Errorf("portal still has tags %v, temporal coverage %+v, frequency date %v or archived %v",
							ds.Tags, ds.TemporalCoverage, deref(ds.FrequencyDate), deref(ds.Archived)))
					}
					if deref(ds.DescriptionShort) != "" || deref(ds.Acronym) != "" {
						errs = append(errs, fmt.Errorf("portal description_short/acronym = %q/%q", deref(ds.DescriptionShort), deref(ds.Acronym)))
					}
					if ds.Spatial != nil && len(ds.Spatial.Zones) > 0 {
						errs = append(errs, fmt.Errorf("portal spatial = %+v", ds.Spatial))
					}
					for k := range ds.Extras {
						if strings.HasPrefix(k, "tfacc:") {
							errs = append(errs, fmt.Errorf("portal extras still hold %q: %v", k, ds.Extras))
						}
					}
					return errors.Join(errs...)
				}),
			},
			acctest.Import(datasetAddr),
			acctest.ImportBySlug(datasetAddr),
		},
	})
}

// TestAccDataset_importEveryArgument imports a dataset holding every
// argument: the imported state equals the created one.
func TestAccDataset_importEveryArgument(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-import")
	full := strings.Replace(datasetFullConfig(title), `timeouts { create = "15m" }`, "", 1)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: full, ConfigPlanChecks: acctest.Converges()},
			acctest.Import(datasetAddr),
			{
				// Archived, with its date kept by the portal.
				Config:           strings.Replace(full, "archived = false", "archived = true", 1),
				ConfigPlanChecks: acctest.Converges(),
			},
			acctest.Import(datasetAddr),
		},
	})
}

func TestAccDataset_privateToPublic(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-private")
	config := func(private bool) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Private or public."`, fmt.Sprintf("private = %v", private))
	}
	// anonymous reads what everybody sees: a private dataset is a 404.
	visibleToAll := func(want bool) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id := s.RootModule().Resources[datasetAddr].Primary.ID
			_, err := acctest.NewClient(t, "").Datasets.Get(context.Background(), id)
			switch {
			case want && err != nil:
				return fmt.Errorf("public dataset not readable anonymously: %w", err)
			case !want && !errors.Is(err, client.ErrNotFound):
				return fmt.Errorf("private dataset: anonymous read gave %v, want 404", err)
			}
			return nil
		}
	}
	id := acctest.SameID(datasetAddr)
	update := acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: config(true), ConfigPlanChecks: acctest.Converges(), Check: visibleToAll(false),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()}},
			// A private dataset of the user is read (and imported) normally.
			acctest.Import(datasetAddr),
			{Config: config(false), ConfigPlanChecks: update, Check: visibleToAll(true),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()}},
			{Config: config(true), ConfigPlanChecks: update, Check: visibleToAll(false),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()}},
		},
	})
}

// TestAccDataset_softDeletedOutOfBand: a dataset deleted in the web UI stays
// in state; the plan shows an in-place update, and apply restores the same
// dataset.
func TestAccDataset_softDeletedOutOfBand(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-restore")
	config := datasetConfig(fmt.Sprintf("title = %q", title), `description = "Restored after an out-of-band delete."`,
		`tags = ["restore-me"]`, `temporal_coverage = { start = "2021-01-01", end = "2021-06-30" }`)
	id := acctest.SameID(datasetAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config),
			id.Restored(config, id.DeletedOutOfBand(t, acctest.Client(t).Datasets.Delete),
				checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					if ds.Deleted != nil {
						return fmt.Errorf("dataset still deleted on the portal: %s", *ds.Deleted)
					}
					// The restore carried the full state (udata's PUT clears
					// tags and temporal coverage otherwise).
					if !slices.Equal(ds.Tags, []string{"restore-me"}) || ds.TemporalCoverage == nil {
						return fmt.Errorf("restored dataset lost tags %v or temporal coverage %+v", ds.Tags, ds.TemporalCoverage)
					}
					return nil
				})),
		},
	})
}

// TestAccDataset_purgedOutOfBand: once the portal purged a deleted dataset
// (404), it leaves the state with a warning and the plan creates it anew.
// Sequential: purging touches every deleted object of the site.
func TestAccDataset_purgedOutOfBand(t *testing.T) {
	purge := acctest.Purger(t)
	title := acctest.RandomName("dataset-purged")
	config := datasetConfig(fmt.Sprintf("title = %q", title), `description = "Recreated after a purge."`)
	id := acctest.NewID(datasetAddr)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config),
			id.Recreated(config, id.DeletedOutOfBand(t, acctest.Client(t).Datasets.Delete, purge)),
		},
	})
}

// TestAccDataset_serverExtrasAreNotDrift: keys the portal adds to extras on
// its own are kept by updates and never shown as changes.
func TestAccDataset_serverExtrasAreNotDrift(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-extras")
	config := func(value string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Extras."`,
			fmt.Sprintf(`extras = { "tfacc:mine" = %q }`, value))
	}
	id := acctest.SameID(datasetAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(config("a")),
			{
				// The portal adds keys of its own: no change planned.
				PreConfig: func() {
					addServerExtras(t, id.Value(), map[string]any{"recommendations": []any{map[string]any{"id": "x", "score": 50}}, "tfacc:other-tool": "kept"})
				},
				Config:           config("a"),
				ConfigPlanChecks: acctest.PlansNothing(),
			},
			{
				// A managed key changes: the portal's own keys survive the PUT.
				Config:            config("b"),
				ConfigPlanChecks:  acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{id.Check()},
				Check: checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
					if ds.Extras["tfacc:mine"] != "b" || ds.Extras["tfacc:other-tool"] != "kept" || ds.Extras["recommendations"] == nil {
						return fmt.Errorf("portal extras = %v", ds.Extras)
					}
					return nil
				}),
			},
		},
	})
}

// addServerExtras adds keys to a dataset's extras out of band, the way the
// portal's jobs or another tool would, keeping everything else.
func addServerExtras(t *testing.T, id string, add map[string]any) {
	t.Helper()
	ctx := context.Background()
	if _, err := acctest.Client(t).Datasets.UpdateExtras(ctx, id, add); err != nil {
		t.Fatalf("out-of-band extras update: %v", err)
	}
}

// TestAccDataset_badConfiguration: each mistake gives one diagnostic on the
// right attribute at plan time, and nothing is written on the portal.
func TestAccDataset_badConfiguration(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-bad")
	base := func(extra ...string) string {
		return datasetConfig(append([]string{fmt.Sprintf("title = %q", title), `description = "Bad configuration."`}, extra...)...)
	}
	testBadConfigurations(t, title, []badConfiguration{
		{"empty title", datasetConfig(`title = ""`, `description = "x"`), errorPattern("Blank value", "title must not be empty")},
		{"blank title", datasetConfig(`title = "   "`, `description = "x"`), errorPattern("Blank value", "title must not be empty")},
		{"blank description", datasetConfig(fmt.Sprintf("title = %q", title), `description = "  \n "`), errorPattern("Blank value", "description must not be empty")},
		{"legacy frequency", base(`frequency = "realtime"`), errorPattern("Legacy frequency name", `Write frequency = "continuous"`)},
		{"unknown frequency", base(`frequency = "dayly"`), errorPattern("Unknown frequency", `Did you mean "daily"`)},
		{"inverted temporal coverage", base(`temporal_coverage = { start = "2021-01-01", end = "2020-01-01" }`), errorPattern("Inverted date range", "temporal_coverage.end")},
		{"malformed date", base(`temporal_coverage = { start = "01/01/2021" }`), errorPattern("Invalid date", "YYYY-MM-DD")},
		{"unknown license", base(`license = "cc-bysa"`), errorPattern("Unknown licence", `Did you mean "cc-by-sa"`)},
		{"non-canonical tag", base(`tags = ["Open Data"]`), errorPattern("Tag not in data.gouv.fr's form", `Write "open-data"`)},
		{"organization slug", base(`organization = "my-organization"`), errorPattern("organization", "24 hexadecimal characters")},
		{"licence without open access", base(`license = "lov2"`, `access_type = "restricted"`),
			errorPattern("Licence with a non-open access", "license =", `access_type = "restricted"`)},
		{"audiences without restriction", base(`access_audiences = [{ role = "private", condition = "no" }]`),
			errorPattern("Access audiences without a restricted access", "access_audiences =")},
		{"two conditions for a role", base(`access_type = "restricted"`, `access_audiences = [{ role = "private", condition = "no" }, { role = "private", condition = "yes" }]`),
			errorPattern("Two conditions for one audience", "access_audiences =")},
		{"unknown reason category", base(`access_type_reason_category = "personal_data"`),
			errorPattern("Unknown access reason category", "access_type_reason_category =")},
		{"request URL not a URL", base(`authorization_request_url = "example.org/ask"`), errorPattern("Invalid URL", "authorization_request_url =")},
		{"contact point slug", base(`contact_points = ["data-desk"]`), errorPattern("contact_points", "must be an id")},
		{"unknown contact point", base(fmt.Sprintf("contact_points = [%q]", unusedObjectID(t))),
			errorPattern("Contact point not found", "contact_points = ", "contact_points[0]: data.gouv.fr has no contact point")},
		{"extras key with a dollar", base(`extras = { "$ref" = "x" }`), errorPattern(`Extras key starting with "$"`, "extras = ", `extras["$ref"]`)},
	})
}

// TestAccDataset_deletedSeenByNonEditor: a key that is not an editor of a
// soft-deleted dataset reads 410; the dataset stays in state, planned for a
// restore (which an editor's key then carries out).
func TestAccDataset_deletedSeenByNonEditor(t *testing.T) {
	otherKey := acctest.RequireOtherKey(t)
	title := acctest.RandomName("dataset-gone")
	resourceBlock := datasetConfig(fmt.Sprintf("title = %q", title), `description = "Deleted, seen by a non-editor."`)
	id := acctest.SameID(datasetAddr)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			id.Applied(resourceBlock),
			restorePlannedWithKey(otherKey, datasetAddr, resourceBlock, id.DeletedOutOfBand(t, acctest.Client(t).Datasets.Delete)),
			id.Restored(resourceBlock, nil, nil),
		},
	})
}
