package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// The sha1 of an unchanged local file is remembered between runs, so that a
// plan does not read it again; an edit is seen whatever was done to hide it:
// here the same size and the modification time put back (touch -d), which
// only the change time betrays.
func TestAccResource_rememberedHashSeesRestoredMtime(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "stations.csv")
	const first, second = "id,name\n1,Paris\n", "id,name\n2,Lyons\n" // same size
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	write := func(content string) {
		writeFile(t, file, content)
		if err := os.Chtimes(file, past, past); err != nil {
			t.Fatal(err)
		}
	}
	write(first)
	// The sums taken from now on count as taken well after the file's last
	// change, as if the test had slept past the racy window: the plans of
	// the first step remember a sum they trust.
	provider.AdvanceFileHashClock(t, 3*time.Second)
	cfg := resourceTestConfig(acctest.RandomName("resource-hash-cache"), "", fmt.Sprintf(`
  title     = "Stations"
  file_path = %q
`, file))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(first))),
				},
			},
			{
				// Hashed at least twice by now, well after its last change
				// (on the cache's clock): the plan trusts the remembered sum.
				// Then edited in place, same size, modification time put back.
				PreConfig: func() {
					write(second)
					info, err := os.Stat(file)
					if err != nil || info.Size() != int64(len(first)) || !info.ModTime().Equal(past) {
						t.Fatalf("the edit should keep size and mtime: %v %v", info, err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resAddr, tfjsonpath.New("file_hash"), knownvalue.StringExact(sha1Hex(second))),
				},
			},
		},
	})
}
