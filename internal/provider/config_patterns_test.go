package provider_test

import (
	"fmt"
	"path/filepath"
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

// Configuration patterns of a producer's first week: modules that choose
// url or file_path through a variable, values left empty, accented titles,
// the same instant written two ways.

// A module choosing between a link and a local file with conditional
// expressions: while the choice is unknown (it comes from a resource that
// apply creates), the arguments of the other branch are unknown too and
// must not be taken for set. Each resource gets its branch at apply.
func TestAccResource_modeChosenByUnknownValue(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-mode")
	file := filepath.Join(t.TempDir(), "local.csv")
	writeFile(t, file, "a,b\n1,2\n")
	url := "https://example.org/" + acctest.RandomName("mode") + ".csv"
	block := func(name, mode string) string {
		return fmt.Sprintf(`
resource "terraform_data" %[1]q {
  input = %[2]q
}

resource "datagouv_resource" %[1]q {
  dataset_id = datagouv_dataset.test.id
  title      = "Chosen by a variable"
  url        = terraform_data.%[1]s.output == "remote" ? %[3]q : null
  file_path  = terraform_data.%[1]s.output == "local" ? %[4]q : null
  format     = terraform_data.%[1]s.output == "remote" ? "CSV" : null
}
`, name, mode, url, file)
	}
	remote, local := "datagouv_resource.remote", "datagouv_resource.local"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{{
			Config: resourceTestConfig(dsTitle, "", "") + block("remote", "remote") + block("local", "local"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(remote, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(local, plancheck.ResourceActionCreate),
					plancheck.ExpectUnknownValue(remote, tfjsonpath.New("filetype")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(remote, tfjsonpath.New("filetype"), knownvalue.StringExact("remote")),
				statecheck.ExpectKnownValue(remote, tfjsonpath.New("format"), knownvalue.StringExact("CSV")),
				statecheck.ExpectKnownValue(remote, tfjsonpath.New("url"), knownvalue.StringExact(url)),
				statecheck.ExpectKnownValue(local, tfjsonpath.New("filetype"), knownvalue.StringExact("file")),
				statecheck.ExpectKnownValue(local, tfjsonpath.New("format"), knownvalue.StringExact("csv")),
				statecheck.ExpectKnownValue(local, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex("a,b\n1,2\n"))),
			},
		}},
	})
}

// Optional strings left empty (a module's variables default to ""): each is
// either the same as leaving it out, with an empty plan after apply and no
// taint, or refused at plan time.
func TestAccResource_emptyStrings(t *testing.T) {
	acctest.PreCheck(t)
	dsTitle := acctest.RandomName("resource-empty")
	url := "https://example.org/" + acctest.RandomName("empty") + ".csv"
	cfg := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title       = "Empty strings"
  description = ""
  url         = %q
  format      = ""
  mime        = ""
  schema      = { url = "https://example.org/schema.json", name = "", version = "" }
`, url))
	emptySchema := resourceTestConfig(dsTitle, "", fmt.Sprintf(`
  title  = "Empty strings"
  url    = %q
  schema = { name = "", version = "", url = "" }
`, url))
	sameID := statecheck.CompareValue(compare.ValuesSame())
	var got ids
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("format"), knownvalue.StringExact("")),
				},
				Check: resource.ComposeTestCheckFunc(got.capture(), onPortal(t, &got, func(r *client.Resource) error {
					if r.Format != nil && *r.Format != "" || r.Schema == nil || r.Schema.URL == nil || r.Schema.Version != nil && *r.Schema.Version != "" {
						return fmt.Errorf("portal format %v schema %+v", r.Format, r.Schema)
					}
					return nil
				})),
			},
			{
				// Still the same resource at the next apply (not tainted).
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resAddr, tfjsonpath.New("id"))},
			},
			{
				// A schema whose every field is empty is no schema.
				Config: emptySchema,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resAddr, tfjsonpath.New("id"))},
				Check: onPortal(t, &got, func(r *client.Resource) error {
					if r.Schema != nil && (r.Schema.URL != nil || r.Schema.Name != nil) {
						return fmt.Errorf("portal schema %+v, want none", r.Schema)
					}
					return nil
				}),
			},
		},
	})
}

// The dataset's empty strings: the same as none, or refused at plan time.
func TestAccDataset_emptyStrings(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-empty")
	base := func(extra ...string) string {
		return datasetConfig(append([]string{fmt.Sprintf("title = %q", title), `description = "Empty strings."`}, extra...)...)
	}
	same := base(`description_short = ""`, `acronym = ""`, `extras = { "tfacc:empty" = "" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: base(`license = ""`), ExpectError: errorPattern("Empty licence", `leave license out`)},
			{Config: base(`frequency = ""`), ExpectError: errorPattern("Empty frequency", `leave frequency out`)},
			{Config: base(`frequency_date = ""`), ExpectError: errorPattern("Invalid date and time", "frequency_date")},
			{Config: base(`spatial = { granularity = "" }`), ExpectError: errorPattern("Empty spatial granularity", "leave granularity out")},
			{Config: base(`spatial = { zones = [""] }`), ExpectError: errorPattern("Empty spatial zone")},
			{Config: base(`organization = ""`), ExpectError: errorPattern("Empty organization", "leave organization out")},
			{
				Config: same,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{Config: same, PlanOnly: true},
		},
	})
}

// udata counts lengths in characters: 350 accented letters are a valid
// title, 351 are not, whatever their size in bytes.
func TestAccDataset_lengthsInCharacters(t *testing.T) {
	acctest.PreCheck(t)
	title := strings.Repeat("é", 350)
	cfg := func(title, short string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Accented title."`, fmt.Sprintf("description_short = %q", short))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: cfg(title+"é", "court"), ExpectError: errorPattern("title", "at most 350", "got: 351")},
			{
				Config: cfg(title, strings.Repeat("à", 200)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("title"), knownvalue.StringExact(title)),
				},
			},
		},
	})
}

// The tag and file_path messages say what is wrong with the value itself.
func TestAccConfigMessages_emptyAndShortValues(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("messages")
	base := func(extra ...string) string {
		return datasetConfig(append([]string{fmt.Sprintf("title = %q", title), `description = "Messages."`}, extra...)...)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{Config: base(`tags = [""]`), ExpectError: errorPattern("Empty tag", "A tag cannot be empty")},
			{Config: base(`tags = ["ab"]`), ExpectError: errorPattern("Tag too short", `"ab" has 2 characters; a tag needs 3 to 96`)},
			{Config: base(`tags = ["à"]`), ExpectError: errorPattern("Tag too short", `data.gouv.fr stores the tag "à" as "a"`)},
			{
				Config: resourceTestConfig(title, "", `
  title     = "x"
  file_path = ""
`),
				ExpectError: errorPattern("Empty file path", "name the local file to upload"),
			},
		},
	})
	assertNothingWritten(t, log, 0, title)
}

// The same instant written in another time zone is no change: no plan, no
// write.
func TestAccDataset_frequencyDateSameInstant(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("dataset-instant")
	cfg := func(date string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), `description = "Same instant."`, fmt.Sprintf("frequency_date = %q", date))
	}
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: cfg("2027-01-01T00:00:00Z")},
			{
				PreConfig: func() { before = log.Writes() },
				Config:    cfg("2027-01-01T01:00:00+01:00"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if n := log.Writes() - before; n != 0 {
						return fmt.Errorf("%d writes for the same instant, want none", n)
					}
					return nil
				},
			},
			{
				// Another instant is a change.
				Config: cfg("2027-01-01T00:00:00+01:00"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(datasetAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
