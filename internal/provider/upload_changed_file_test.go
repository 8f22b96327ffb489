package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// A file that changes while it is being sent: two guards keep its bytes
// from being published, each tested alone, deterministically.

// In parts, the file is read once, into the parts, and the bytes read are
// checked against the file before the parts are assembled: its identity
// (size, times) moved since the read started, so the parts are never
// assembled, and no resource exists to delete.
func TestAccResource_fileChangedDuringUploadInParts(t *testing.T) {
	testFileChangedDuringUpload(t, fileChangedDuringUpload{
		provider: "provider \"datagouv\" {\n  upload_part_size = 1048576\n}\n",
		// 4 MiB: four parts; the file changes when the first reaches the portal.
		size: 4 << 20,
		want: errorPattern("Local file changed during the upload", "changed while it was read to be sent",
			"was not assembled into a file: nothing was published"),
		deletes: 0,
	})
}

// In one request, the file is hashed (and checked) before the request and
// read again as the request sends it: the portal computes the sha1 of what
// it received, which is not the file's, so the provider deletes the new
// resource that holds the mix.
func TestAccResource_fileChangedDuringUploadInOneRequest(t *testing.T) {
	testFileChangedDuringUpload(t, fileChangedDuringUpload{
		provider: "provider \"datagouv\" {\n  upload_chunk_threshold = 67108864\n}\n",
		// The file changes when the request reaches the portal, which has
		// read none of its body yet: 40 MiB is more than the connection's
		// buffers hold (net.ipv4.tcp_wmem and tcp_rmem allow at most 4 and
		// 32 MiB here), so the end of the file, which changes, is read
		// after the change whatever the timing.
		size: 40 << 20,
		want: errorPattern("Local file changed during the upload", "changed while it was being uploaded",
			"The new resource was deleted: nothing was published"),
		deletes: 1,
	})
}

type fileChangedDuringUpload struct {
	provider string
	size     int
	want     *regexp.Regexp
	// deletes is the number of resources the provider deletes on the portal.
	deletes int
}

func testFileChangedDuringUpload(t *testing.T, tt fileChangedDuringUpload) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	dsTitle := acctest.RandomName("resource-racing")
	file := filepath.Join(t.TempDir(), "racing.csv")
	writeFile(t, file, strings.Repeat("x,1\n", tt.size/4))
	overwriteEnd := func() {
		f, err := os.OpenFile(file, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		// In place, same size: what a program rewriting the file does.
		if _, err := f.WriteAt([]byte(strings.Repeat("y,2\n", 256)), int64(tt.size)-1024); err != nil {
			t.Error(err)
		}
	}
	var once sync.Once
	var mark int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{Config: resourceTestConfig(dsTitle, "", "")},
			{
				PreConfig: func() {
					mark = len(log.Requests())
					// The file changes once its upload request reaches the portal.
					log.BeforeRequest(func(method, path string) {
						if method == "POST" && strings.HasSuffix(path, "/upload/") {
							once.Do(overwriteEnd)
						}
					})
				},
				Config: resourceTestConfig(dsTitle, tt.provider, fmt.Sprintf(`
  title     = "Racing"
  file_path = %q
`, file)),
				ExpectError: tt.want,
			},
			{
				PreConfig: func() {
					deletes := 0
					for _, q := range log.Requests()[mark:] {
						if q.Method == "DELETE" && strings.Contains(q.Path, "/resources/") {
							deletes++
						}
					}
					if deletes != tt.deletes {
						t.Errorf("the failed apply deleted %d resources on the portal, want %d", deletes, tt.deletes)
					}
				},
				Config: resourceTestConfig(dsTitle, "", ""),
				Check:  checkNoResources(t),
			},
		},
	})
}
