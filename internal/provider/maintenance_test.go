package provider_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// readOnlyAttempts is how many times a create meets udata's read-only
// maintenance (423) before the provider gives up: the first request and the
// client's three bounded retries.
const readOnlyAttempts = 4

// TestAccMaintenance_readOnlyPortal: while data.gouv.fr is in read-only
// maintenance, every create (dataset, link, upload) fails with one error
// saying so, after a bounded number of attempts, and nothing is written;
// once the maintenance is over the same configuration applies and converges.
func TestAccMaintenance_readOnlyPortal(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.RequireEmulator(t, "switches the portal to read-only maintenance")
	t.Cleanup(func() { emu.SetReadOnly(false) })

	name := acctest.RandomName("maintenance")
	file := filepath.Join(t.TempDir(), "data.csv")
	writeFile(t, file, "a,b\n1,2\n")
	existing := fmt.Sprintf(`
resource "datagouv_dataset" "existing" {
  title       = "%s-existing"
  description = "Created before the maintenance."
}
`, name)
	during := existing + fmt.Sprintf(`
resource "datagouv_dataset" "new" {
  title       = "%[1]s-new"
  description = "Created during the maintenance."
}

resource "datagouv_resource" "link" {
  dataset_id = datagouv_dataset.existing.id
  title      = "Link"
  url        = "https://example.org/%[1]s.csv"
}

resource "datagouv_resource" "file" {
  dataset_id = datagouv_dataset.existing.id
  title      = "File"
  file_path  = %[2]q
}
`, name, file)

	var before []emulator.RequestLog
	locked := func(suffix string) int {
		n := 0
		for _, r := range emu.Requests()[len(before):] {
			if r.Method == http.MethodPost && r.Status == http.StatusLocked && strings.HasSuffix(r.Path, suffix) {
				n++
			}
		}
		return n
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(checkDatasetSoftDeleted(t), checkResourcesDestroyed(t)),
		Steps: []resource.TestStep{
			{Config: existing},
			{
				PreConfig: func() {
					before = emu.Requests()
					emu.SetReadOnly(true)
				},
				Config: during,
				ExpectError: errorPattern("read-only maintenance (writes are disabled for now, retry later)",
					"data.gouv.fr is in read-only maintenance: nothing can be written right now. Apply again once the maintenance is over."),
			},
			{
				PreConfig: func() {
					emu.SetReadOnly(false)
					for what, suffix := range map[string]string{"dataset": "/api/1/datasets/", "link": "/resources/", "upload": "/upload/"} {
						if got := locked(suffix); got != readOnlyAttempts {
							t.Errorf("the %s create met the maintenance %d times, want %d (bounded retries)", what, got, readOnlyAttempts)
						}
					}
					if n := writeCountSince(before); n != 3*readOnlyAttempts {
						t.Errorf("%d writes during the maintenance, want only the %d refused creates", n, 3*readOnlyAttempts)
					}
				},
				Config: during,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("datagouv_dataset.new", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("datagouv_resource.link", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("datagouv_resource.file", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// writeCountSince counts the writes the emulator answered after before.
func writeCountSince(before []emulator.RequestLog) int {
	n := 0
	for _, r := range acctest.Site().Emulator.Requests()[len(before):] {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			n++
		}
	}
	return n
}
