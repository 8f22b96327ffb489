package provider_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
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

// A public dataset, with a hosted file and a remote link, read by id and by
// slug by a provider that has no API key at all.
func TestAccDatasetDataSource_publicWithoutAPIKey(t *testing.T) {
	acctest.PreCheck(t)
	ds := createDataSourceTestDataset(t, false)
	c := acctest.Client(t)
	ctx := context.Background()

	const csv = "year,amount\n2024,12\n2025,15\n"
	up, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{Name: "amounts.csv", Content: strings.NewReader(csv), Size: int64(len(csv))})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	size := int64(2048)
	link, err := c.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{
		Title:    "Documentation",
		Type:     "documentation",
		URL:      "https://example.org/" + acctest.RandomName("doc") + ".pdf",
		Format:   new("pdf"),
		Filesize: &size,
		Checksum: &client.Checksum{Type: "sha256", Value: strings.Repeat("ab", 32)},
	})
	if err != nil {
		t.Fatalf("create remote resource: %v", err)
	}
	unsetAPIKeyForTest(t)

	byID, bySlug := "data.datagouv_dataset.by_id", "data.datagouv_dataset.by_slug"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
data "datagouv_dataset" "by_id" {
  id = %q
}

data "datagouv_dataset" "by_slug" {
  slug = %q
}
`, ds.ID, ds.Slug),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("title"), knownvalue.StringExact(ds.Title)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("slug"), knownvalue.StringExact(ds.Slug)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("license"), knownvalue.StringExact("odc-odbl")),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("frequency"), knownvalue.StringExact("monthly")),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("tfacc-data-source")})),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("private"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("acronym"), knownvalue.Null()),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("page"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("resources"), knownvalue.ListExact([]knownvalue.Check{
					// Newest first: the link was created after the upload.
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":       knownvalue.StringExact(link.ID),
						"title":    knownvalue.StringExact("Documentation"),
						"type":     knownvalue.StringExact("documentation"),
						"filetype": knownvalue.StringExact("remote"),
						"format":   knownvalue.StringExact("pdf"),
						"url":      knownvalue.StringExact(link.URL),
						"latest":   knownvalue.StringRegexp(regexp.MustCompile("/api/1/datasets/r/" + link.ID + "$")),
						"filesize": knownvalue.Int64Exact(2048),
						"checksum": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type":  knownvalue.StringExact("sha256"),
							"value": knownvalue.StringExact(strings.Repeat("ab", 32)),
						}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":       knownvalue.StringExact(up.Resource.ID),
						"title":    knownvalue.StringExact("amounts.csv"),
						"type":     knownvalue.StringExact("main"),
						"filetype": knownvalue.StringExact("file"),
						"format":   knownvalue.StringExact("csv"),
						"url":      knownvalue.StringExact(up.Resource.URL),
						"latest":   knownvalue.StringRegexp(regexp.MustCompile("/api/1/datasets/r/" + up.Resource.ID + "$")),
						"filesize": knownvalue.Int64Exact(int64(len(csv))),
						"checksum": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type":  knownvalue.StringExact("sha1"),
							"value": knownvalue.StringExact(up.SHA1),
						}),
					}),
				})),
				// The slug finds the same dataset.
				statecheck.CompareValuePairs(byID, tfjsonpath.New("id"), bySlug, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs(byID, tfjsonpath.New("resources"), bySlug, tfjsonpath.New("resources"), compare.ValuesSame()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// A private dataset is readable with its editor's key only; others get an
// error that says why it may be missing.
func TestAccDatasetDataSource_private(t *testing.T) {
	acctest.PreCheck(t)
	ds := createDataSourceTestDataset(t, true)
	config := fmt.Sprintf(`
data "datagouv_dataset" "private" {
  id = %q
}
`, ds.ID)

	steps := []resource.TestStep{{
		// The tests' key belongs to the dataset's owner.
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.datagouv_dataset.private", tfjsonpath.New("private"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.datagouv_dataset.private", tfjsonpath.New("title"), knownvalue.StringExact(ds.Title)),
		},
	}}
	if otherKey := acctest.Site().OtherAPIKey; otherKey != "" {
		steps = append(steps, resource.TestStep{
			// Another user's key: udata answers 404, as for an unknown id.
			Config:      providerBlockWithKey(otherKey) + config,
			ExpectError: errorPattern("Dataset not found", "is not one of its editors"),
		})
	}
	steps = append(steps, resource.TestStep{
		PreConfig:   func() { unsetAPIKeyForTest(t) },
		Config:      config,
		ExpectError: errorPattern("Dataset not found", "has no API key, so only public datasets can be read"),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
}

// A soft-deleted dataset is an error that says so, both for its editor
// (udata answers 200 with `deleted`) and for anyone else (410).
func TestAccDatasetDataSource_deleted(t *testing.T) {
	acctest.PreCheck(t)
	ds := createDataSourceTestDataset(t, false)
	if err := acctest.Client(t).Datasets.Delete(context.Background(), ds.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	config := fmt.Sprintf(`
data "datagouv_dataset" "deleted" {
  id = %q
}
`, ds.ID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorPattern("Dataset deleted", ds.ID, "was deleted on data.gouv.fr on"),
			},
			{
				PreConfig:   func() { unsetAPIKeyForTest(t) },
				Config:      config,
				ExpectError: errorPattern("Dataset deleted", "has been deleted on data.gouv.fr"),
			},
		},
	})
}

func TestAccDatasetDataSource_notFound(t *testing.T) {
	acctest.PreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "datagouv_dataset" "missing" {
  id = %q
}
`, unusedObjectID(t)),
				ExpectError: errorPattern("Dataset not found", "it does not exist"),
			},
			{
				Config: `
data "datagouv_dataset" "missing" {
  slug = "` + acctest.RandomName("no-such-dataset") + `"
}
`,
				ExpectError: errorPattern("Dataset not found"),
			},
			{
				Config:      `data "datagouv_dataset" "nothing" {}`,
				ExpectError: errorPattern("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [id,slug]"),
			},
		},
	})
}

// createDataSourceTestDataset creates a dataset out of band with the tests' key, and
// deletes it when the test ends.
func createDataSourceTestDataset(t *testing.T, private bool) *client.Dataset {
	t.Helper()
	return acctest.CreateDataset(t, acctest.Client(t), &client.DatasetInput{
		Title:       acctest.RandomName("data source"),
		Description: "Created by an acceptance test of the datagouv Terraform provider.",
		Tags:        []string{"tfacc-data-source"},
		License:     new("odc-odbl"),
		Frequency:   new("monthly"),
		Private:     private,
	})
}

// unusedObjectID is a well-formed MongoDB id that no object has.
func unusedObjectID(t *testing.T) string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// A slug written in id is refused with the argument to write instead; by
// slug, the data source returns the dataset's id.
func TestAccDatasetDataSource_slugInID(t *testing.T) {
	acctest.PreCheck(t)
	ds := createDataSourceTestDataset(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    slugInIDSteps("datagouv_dataset", "dataset", ds.Slug, ds.ID),
	})
}

// The attributes a datagouv_dataset resource manages are all read by the
// data source, the same way: a geometry, access rules, contact points and
// extras written by the resource come back equal from the data source.
func TestAccDatasetDataSource_managedAttributes(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-data-source-access")
	const read = "data.datagouv_dataset.read"
	config := datasetAccessConfig(title,
		`contact_points = [datagouv_contact_point.desk.id]`,
		`access_type = "restricted"`,
		`access_audiences = [{ role = "private", condition = "no" }]`,
		`authorization_request_url = "https://example.org/ask-for-access"`,
		`access_type_reason_category = "confidentiality_of_personal_data"`,
		`access_type_reason = "Personal data."`,
		`extras = { "tfacc:source" = "data source test" }`,
		`spatial = { geometry = jsonencode({ type = "MultiPolygon", coordinates = [[[[2.2, 48.8], [2.5, 48.8], [2.5, 48.9], [2.2, 48.8]]]] }) }`,
	) + `
data "datagouv_dataset" "read" {
  id = datagouv_dataset.test.id
}
`
	same := func(attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(datasetAddr, tfjsonpath.New(attr), read, tfjsonpath.New(attr), compare.ValuesSame())
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.Converges(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(read, tfjsonpath.New("spatial").AtMapKey("geometry"), knownvalue.StringExact(testGeometry)),
				statecheck.ExpectKnownValue(read, tfjsonpath.New("spatial").AtMapKey("zones"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(read, tfjsonpath.New("access_type"), knownvalue.StringExact("restricted")),
				statecheck.ExpectKnownValue(read, tfjsonpath.New("access_audiences"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"role": knownvalue.StringExact("private"), "condition": knownvalue.StringExact("no")}),
				})),
				statecheck.ExpectKnownValue(read, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
					"tfacc:source": knownvalue.StringExact("data source test"),
				})),
				statecheck.CompareValuePairs(read, tfjsonpath.New("contact_points").AtSliceIndex(0),
					"datagouv_contact_point.desk", tfjsonpath.New("id"), compare.ValuesSame()),
				same("access_type"), same("access_audiences"), same("authorization_request_url"),
				same("access_type_reason_category"), same("access_type_reason"), same("contact_points"), same("extras"),
			},
		}},
	})
}
