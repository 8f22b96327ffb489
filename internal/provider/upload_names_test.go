package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// udata stores an uploaded file at <dataset slug>/<YYYYMMDD-HHMMSS>/<file
// name> and its storage refuses to overwrite: two files of one dataset with
// the same base name, uploaded within the same second, used to fail with a
// 500. A producer's folder per year (with for_each or count) does exactly that; the
// re-upload of both right after, too. Both must apply in one run.
// yearlyHashes checks both files' hashes after an apply of version v.
func yearlyHashes(v string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for i, year := range []string{"2023", "2024"} {
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("datagouv_resource.yearly[%d]", i),
			tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex("year,value\n"+year+","+v+"\n"))))
	}
	return checks
}

func TestAccResource_sameBaseNameInOneDataset(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	for _, year := range []string{"2023", "2024"} {
		if err := os.MkdirAll(filepath.Join(dir, year), 0o700); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, year, "data.csv"), "year,value\n"+year+",1\n")
	}
	cfg := resourceTestConfig(acctest.RandomName("same-base-name"), "", "") + fmt.Sprintf(`
resource "datagouv_resource" "yearly" {
  count      = 2
  dataset_id = datagouv_dataset.test.id
  title      = "Data ${2023 + count.index}"
  file_path  = "%s/${2023 + count.index}/data.csv"
}
`, dir)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: yearlyHashes("1"),
			},
			{
				// Both files change: both are uploaded again, at once.
				PreConfig: func() {
					for _, year := range []string{"2023", "2024"} {
						writeFile(t, filepath.Join(dir, year, "data.csv"), "year,value\n"+year+",2\n")
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: yearlyHashes("2"),
			},
		},
	})
}
