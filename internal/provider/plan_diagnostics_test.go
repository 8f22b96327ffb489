package provider_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// One plan reports every problem of a configuration: a mistake found
// without the portal (a tag's form, an empty title) does not hide those
// found against the portal's lists (licence, coverage, file extension) in
// the same plan. (The API key's membership of the organization is checked
// later, at plan, only where a write is planned: read_only_key_test.go.)
func TestAccPlan_reportsEveryProblem(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("every-problem")
	parquet := filepath.Join(t.TempDir(), "data.parquet")
	writeFile(t, parquet, "PAR1")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{
				Config: datasetConfig(
					fmt.Sprintf("title = %q", title),
					`description = "Every problem at once."`,
					`spatial = { granularity = "fr:comune" }`,
					`tags = ["Open Data"]`,
					`license = "cc-bysa"`,
				),
				PlanOnly: true,
				// In the order Terraform prints them: by position in the
				// configuration. The coverage's error points at the block
				// with Terraform 1.5.7, at its line with newer CLIs: it
				// comes first either way.
				ExpectError: errorPattern(
					"Unknown spatial granularity", `Did you mean "fr:commune"`,
					"Tag not in data.gouv.fr's form",
					"Unknown licence", `Did you mean "cc-by-sa"`,
				),
			},
			{
				Config: fmt.Sprintf(`
resource "datagouv_resource" "test" {
  dataset_id = "000000000000000000000000"
  title      = "   "
  file_path  = %q
}
`, parquet),
				PlanOnly:    true,
				ExpectError: errorPattern("Blank value", "File type not accepted by data.gouv.fr", `"parquet"`),
			},
		},
	})
	assertNothingWritten(t, log, 0, title)
}

// A zone the portal does not know (udata: 400 "Unknown geoid(s)") and a
// schema version without a schema (udata: 400) fail at plan, on their
// attributes, with nothing sent.
func TestAccPlan_unknownZoneAndSchemaVersionAlone(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("zone-schema")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{
				Config: datasetConfig(fmt.Sprintf("title = %q", title), `description = "Unknown zone."`,
					`spatial = { zones = ["fr:region:11", "fr:region:99"], granularity = "fr:region" }`),
				PlanOnly:    true,
				ExpectError: errorPattern("Unknown spatial zone", `"fr:region:99"`, `"fr:region:11"`),
			},
			{
				Config: resourceTestConfig(title, "", `
  title  = "Stations"
  url    = "https://example.org/stations.csv"
  schema = { version = "2.3.1" }
`),
				PlanOnly:    true,
				ExpectError: errorPattern("Schema version without a schema", "name", "url"),
			},
		},
	})
	assertNothingWritten(t, log, 0, title)
}
