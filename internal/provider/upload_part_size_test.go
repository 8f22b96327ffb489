package provider_test

import (
	"fmt"
	"path/filepath"
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

// upload_part_size: a value out of its range, or above an explicit
// upload_chunk_threshold, fails at plan time on the attribute with nothing
// written; a valid one cuts the file into parts of that size (the
// threshold following it), counted at the site; without it, the defaults
// (20,000,000 bytes, as data.gouv.fr's front end) send the same 5 MB file
// in one request.
func TestAccResource_uploadPartSize(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-part-size")
	file := filepath.Join(t.TempDir(), "parts.csv")
	// 5,000,001 bytes: in parts of 2,000,000 bytes, three parts (2,000,000,
	// 2,000,000 and 1,000,001) and the final call.
	line := "2024-01-01,75056,Paris,1234.5\n"
	content := strings.Repeat(line, 5_000_001/len(line))
	content += strings.Repeat("x", 5_000_001-len(content))
	writeFile(t, file, content)
	cfg := func(settings string) string {
		return resourceTestConfig(dsTitle, "provider \"datagouv\" {\n"+settings+"}\n", fmt.Sprintf(`
  title     = "Parts"
  file_path = %q
`, file))
	}
	var got ids
	var before int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { before = log.Writes() },
				Config:      cfg("  upload_part_size = 1000\n"),
				ExpectError: errorPattern("upload_part_size", "must be between 1048576 and 100000000, got: 1000"),
			},
			{
				Config:      cfg("  upload_part_size = 100000001\n"),
				ExpectError: errorPattern("upload_part_size", "must be between 1048576 and 100000000"),
			},
			{
				Config:      cfg("  upload_part_size = 4000000\n  upload_chunk_threshold = 2000000\n"),
				ExpectError: errorPattern("Upload part size above the chunk threshold", "upload_part_size = 4000000", "leave upload_chunk_threshold out"),
			},
			{
				PreConfig: func() {
					assertNothingWritten(t, log, before, dsTitle)
					before = uploads(log)
				},
				Config:           cfg("  upload_part_size = 2000000\n"),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(content))),
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("filesize"), knownvalue.Int64Exact(int64(len(content)))),
				},
				Check: resource.ComposeTestCheckFunc(got.capture(), checkUploads(log, &before, 4),
					onPortal(t, &got, portalChecksum(sha1Hex(content)))),
			},
			{
				// The same size, another content, the defaults: one request.
				PreConfig: func() {
					content = strings.Replace(content, "Paris", "Lyon.", 1)
					writeFile(t, file, content)
					before = uploads(log)
				},
				Config:           cfg(""),
				ConfigPlanChecks: acctest.Plans(resAddr, plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(checkUploads(log, &before, 1),
					onPortal(t, &got, func(r *client.Resource) error { return portalChecksum(sha1Hex(content))(r) })),
			},
			{
				ResourceName:            resAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"file_path"},
			},
		},
	})
}
