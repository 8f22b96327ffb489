package provider_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// requestCountsConfig is one dataset holding links remote resources and one
// uploaded resource per file.
func requestCountsConfig(title string, links int, files []string) string {
	var b strings.Builder
	b.WriteString(resourceTestConfig(title, "", ""))
	for i := 0; i < links; i++ {
		fmt.Fprintf(&b, `
resource "datagouv_resource" "link%d" {
  dataset_id = datagouv_dataset.test.id
  title      = "Link %d"
  url        = "https://example.org/link-%d.csv"
}
`, i, i, i)
	}
	for i, f := range files {
		fmt.Fprintf(&b, `
resource "datagouv_resource" "file%d" {
  dataset_id = datagouv_dataset.test.id
  title      = "File %d"
  file_path  = %q
}
`, i, i, f)
	}
	return b.String()
}

// Apply sends one request per dataset and per remote link and two per
// uploaded file (upload, metadata PUT); a refresh reads each dataset once
// for all its resources, never each resource (issue 12, items 1 and 4).
func TestAccResource_requestCounts(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	const links, nFiles = 3, 3
	dir := t.TempDir()
	var files []string
	for i := 0; i < nFiles; i++ {
		f := filepath.Join(dir, fmt.Sprintf("counts-%d.csv", i))
		writeFile(t, f, fmt.Sprintf("n\n%d\n", i))
		files = append(files, f)
	}
	cfg := requestCountsConfig(acctest.RandomName("request-counts"), links, files)
	var datasetID string
	var mark int
	since := func() []acctest.Request { return log.Requests()[mark:] }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkResourcesDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { mark = len(log.Requests()) },
				Config:    cfg,
				Check: func(s *terraform.State) error {
					datasetID = s.RootModule().Resources["datagouv_dataset.test"].Primary.ID
					writes := acctest.Writes(since())
					for _, w := range writes {
						t.Logf("write: %s %s", w.Method, w.Path)
					}
					if want := 1 + links + 2*nFiles; len(writes) != want {
						return fmt.Errorf("%d writes for 1 dataset, %d links and %d files, want %d", len(writes), links, nFiles, want)
					}
					// Check runs right after apply: every read so far
					// belongs to the plan or the apply. The plan reads
					// nothing of a dataset that does not exist yet; the
					// apply must not read it before each upload.
					if n := acctest.CountRequests(since(), "GET", "/api/1/datasets/"+datasetID+"/"); n > 1 {
						return fmt.Errorf("the dataset was read %d times during its creation's apply, want at most 1 (no read before each upload)", n)
					}
					return nil
				},
			},
			{
				// A plan of the same configuration: its refresh reads the
				// dataset, not each of its resources.
				PreConfig: func() { mark = len(log.Requests()) },
				Config:    cfg,
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					reqs := since()
					perResource, perDataset := 0, 0
					for _, q := range reqs {
						switch {
						case q.Method != "GET":
						case strings.HasPrefix(q.Path, "/api/1/datasets/"+datasetID+"/resources/"):
							perResource++
						case q.Path == "/api/1/datasets/"+datasetID+"/":
							perDataset++
						}
					}
					t.Logf("plan-only step: %d requests, %d reads of the dataset, %d reads of single resources", len(reqs), perDataset, perResource)
					if perResource != 0 {
						t.Errorf("the refresh read %d resources one by one, want 0 (one read of their dataset)", perResource)
					}
					// Each terraform command of the step refreshes once in
					// its own provider process: the dataset's own Read and
					// one shared read for its %d resources.
					if perDataset >= links+nFiles {
						t.Errorf("the refresh read the dataset %d times for %d resources: not shared", perDataset, links+nFiles)
					}
				},
				Config: cfg,
			},
		},
	})
}
