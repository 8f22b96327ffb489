package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/emulator"
)

// The fault scenario of issue 7: a publishing pipeline applies 20 datasets
// and 60 resources (40 links, 20 uploaded files) through a flaky portal.
const (
	faultDatasets = 20
	faultLinks    = 40 // two per dataset
	faultFiles    = 20 // one per dataset
)

// scenarioFaults fails 20% of the API requests: 429 with Retry-After, 502,
// 503, 504, connections dropped before the portal sees the request, and
// connections dropped after it processed it (the answer is lost), on top of
// a little latency.
var scenarioFaults = emulator.Faults{
	Rate:                0.2,
	Statuses:            []int{429, 502, 503, 504},
	Drop:                true,
	DropAfterProcessing: true,
	LatencyMs:           5,
}

func faultScenarioConfig(prefix, dir string) string {
	return fmt.Sprintf(`
resource "datagouv_dataset" "d" {
  count       = %[1]d
  title       = "%[4]s-${count.index}"
  description = "Fault scenario of the acceptance tests."
}

resource "datagouv_resource" "link" {
  count      = %[2]d
  dataset_id = datagouv_dataset.d[count.index %% %[1]d].id
  title      = "Link ${count.index}"
  url        = "https://example.org/faults/%[4]s/${count.index}.csv"
}

resource "datagouv_resource" "file" {
  count      = %[3]d
  dataset_id = datagouv_dataset.d[count.index].id
  title      = "File ${count.index}"
  file_path  = "%[5]s/file-${count.index}.csv"
}
`, faultDatasets, faultLinks, faultFiles, prefix, filepath.ToSlash(dir))
}

// TestAccFaults_applyConvergesThroughFlakyPortal asserts, in this order:
//
//  1. step 1 applies the configuration with the faults above on for its
//     whole plan and apply. The apply may succeed or fail (TestCase.
//     ErrorCheck takes its error, so that the test goes on with the state it
//     left). If it fails, every error must be one of the provider's clear
//     diagnostics ("Could not create resource", …: the summary says what was
//     being done, the detail the request and status), never a crash. If it
//     succeeds, the portal must have processed each create exactly once
//     (20 dataset POSTs, 40 link POSTs, 20 uploads answered 201 by the
//     emulator, those whose answer was dropped after processing included),
//     and the following plan must be empty. Either way the faults are turned
//     off when step 1 ends, and faults must have hit creates (else the run
//     proved nothing);
//  2. step 2 applies the same configuration without faults: it converges
//     (no error);
//  3. step 3's plan (the third) is empty, and so is the plan after its
//     refresh: state, configuration and portal agree;
//  4. the portal holds exactly the declared objects: 20 live datasets with
//     the scenario's titles, each title once; in them exactly the 40 links
//     and 20 files declared, each once, with the ids the state holds; and the
//     emulator's file store holds exactly 20 files for these datasets (no
//     orphan upload);
//  5. destroy removes them all (datasets soft-deleted, resources gone).
func TestAccFaults_applyConvergesThroughFlakyPortal(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.RequireEmulator(t, "injects transient failures in front of the API")
	t.Cleanup(func() { emu.SetFaults(emulator.Faults{}) })

	prefix := acctest.RandomName("faults")
	dir := t.TempDir()
	for i := 0; i < faultFiles; i++ {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("file-%d.csv", i)), fmt.Sprintf("n,file\n%d,%s\n", i, prefix))
	}
	cfg := faultScenarioConfig(prefix, dir)

	var (
		before      int  // emulator log length when the faults went on
		faulty      bool // step 1 is running
		firstFailed bool // step 1's apply failed
	)
	faultsOff := func() {
		emu.SetFaults(emulator.Faults{})
		faulty = false
	}
	emptyIfFirstSucceeded := unlessPlanCheck{skip: func() bool { return firstFailed }, check: plancheck.ExpectEmptyPlan()}

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(checkDatasetSoftDeleted(t), checkResourcesDestroyed(t)),
		ErrorCheck: func(err error) error {
			if !faulty {
				return err
			}
			faultsOff()
			firstFailed = true
			if bad := unclearErrors(err.Error()); bad != "" {
				return fmt.Errorf("the apply through faults failed without a clear error (%s):\n%w", bad, err)
			}
			t.Logf("the apply through faults failed with clear errors; the next apply must converge:\n%s", err)
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					before = len(emu.Requests())
					faulty = true
					emu.SetFaults(scenarioFaults)
				},
				Config: cfg,
				Check: func(*terraform.State) error {
					faultsOff()
					return checkCreatesProcessedOnce(t, emu, before)
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: func() {
					faultsOff()
					if n := faultsOnCreates(emu, before); n == 0 {
						t.Error("no fault hit a create during step 1: the scenario proved nothing")
					} else {
						t.Logf("faults met by creates during step 1: %d", n)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{emptyIfFirstSucceeded},
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkPortalHoldsExactly(t, emu, prefix),
			},
		},
	})
}

// unlessPlanCheck runs check unless skip says so when the plan is checked.
type unlessPlanCheck struct {
	skip  func() bool
	check plancheck.PlanCheck
}

func (u unlessPlanCheck) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if !u.skip() {
		u.check.CheckPlan(ctx, req, resp)
	}
}

// clearSummaries are the summaries of the provider's diagnostics for a
// write or read that failed on the portal's side.
var clearSummaries = regexp.MustCompile(`^Error: (Could not (create|read|update|delete|upload|restore) .+|File uploaded, but .+)$`)

// unclearErrors returns what is not a clear diagnostic in a failed run's
// output ("" when every error is one of the provider's): a crash, a plugin
// that stopped answering, an error without the provider's words.
func unclearErrors(out string) string {
	for _, bad := range []string{"panic:", "Plugin did not respond", "The plugin encountered an error", "rpc error"} {
		if strings.Contains(out, bad) {
			return bad
		}
	}
	errors := 0
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "Error: ") || strings.HasPrefix(line, "Error: Error running apply") {
			continue
		}
		errors++
		if !clearSummaries.MatchString(line) {
			return "unexpected diagnostic " + strconv.Quote(line)
		}
	}
	if errors == 0 {
		return "no diagnostic"
	}
	return ""
}

// checkPortalHoldsExactly compares the portal with the state: the same
// datasets and resources, each once, and one stored file per uploaded one.
func checkPortalHoldsExactly(t *testing.T, emu *emulator.Server, prefix string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ctx := context.Background()
		c := acctest.Client(t)

		stateDatasets := map[string]bool{}
		stateResources := map[string]string{} // resource id → dataset id
		for _, rs := range s.RootModule().Resources {
			switch rs.Type {
			case "datagouv_dataset":
				stateDatasets[rs.Primary.ID] = true
			case "datagouv_resource":
				stateResources[rs.Primary.ID] = rs.Primary.Attributes["dataset_id"]
			}
		}
		if len(stateDatasets) != faultDatasets || len(stateResources) != faultLinks+faultFiles {
			return fmt.Errorf("state holds %d datasets and %d resources, want %d and %d",
				len(stateDatasets), len(stateResources), faultDatasets, faultLinks+faultFiles)
		}

		// Every live dataset of the scenario, as the portal lists them.
		titles := map[string][]string{}
		for page := 1; ; page++ {
			p, err := c.Datasets.List(ctx, client.DatasetListOptions{Page: page, PageSize: 100, Q: prefix})
			if err != nil {
				return fmt.Errorf("listing datasets: %w", err)
			}
			for _, d := range p.Data {
				if strings.HasPrefix(d.Title, prefix+"-") {
					titles[d.Title] = append(titles[d.Title], d.ID)
				}
			}
			if p.NextPage == nil {
				break
			}
		}
		var problems []string
		for title, ids := range titles {
			if len(ids) != 1 {
				problems = append(problems, fmt.Sprintf("dataset %q exists %d times (%v)", title, len(ids), ids))
			}
			for _, id := range ids {
				if !stateDatasets[id] {
					problems = append(problems, fmt.Sprintf("dataset %s (%q) is on the portal but not in the state", id, title))
				}
			}
		}
		if len(titles) != faultDatasets {
			problems = append(problems, fmt.Sprintf("%d distinct scenario titles on the portal, want %d", len(titles), faultDatasets))
		}

		// Every resource of those datasets is one of the state, and the
		// other way round; links are not repeated.
		portalResources := map[string]string{}
		hosted := 0
		for id := range stateDatasets {
			ds, err := c.Datasets.Get(ctx, id)
			if err != nil {
				return fmt.Errorf("reading dataset %s: %w", id, err)
			}
			urls := map[string]int{}
			for _, r := range ds.Resources {
				portalResources[r.ID] = id
				if r.Filetype == "file" {
					hosted++
				} else {
					urls[r.URL]++
				}
			}
			for u, n := range urls {
				if n > 1 {
					problems = append(problems, fmt.Sprintf("link %s is in dataset %s %d times", u, id, n))
				}
			}
		}
		for rid, did := range portalResources {
			if stateResources[rid] != did {
				problems = append(problems, fmt.Sprintf("resource %s of dataset %s is on the portal but not in the state", rid, did))
			}
		}
		for rid, did := range stateResources {
			if portalResources[rid] != did {
				problems = append(problems, fmt.Sprintf("resource %s of dataset %s is in the state but not on the portal", rid, did))
			}
		}
		if hosted != faultFiles {
			problems = append(problems, fmt.Sprintf("%d hosted files on the portal, want %d", hosted, faultFiles))
		}

		// The emulator stores files under {dataset slug}/…: the scenario's
		// slugs start with its prefix.
		stored := 0
		files, err := emu.StoredFiles()
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		root := filepath.Join(emu.DataDir(), "resources")
		for _, p := range files {
			if rel, _ := filepath.Rel(root, p); strings.HasPrefix(filepath.ToSlash(rel), prefix+"-") {
				stored++
			}
		}
		if stored != faultFiles {
			problems = append(problems, fmt.Sprintf("the emulator stores %d files for the scenario's datasets, want %d (orphan uploads?)", stored, faultFiles))
		}
		if len(problems) > 0 {
			sort.Strings(problems)
			return fmt.Errorf("the portal does not hold exactly the declared objects:\n  %s", strings.Join(problems, "\n  "))
		}
		return nil
	}
}

// createKind tells the create requests apart in the emulator's log.
func createKind(r emulator.RequestLog) string {
	if r.Method != "POST" {
		return ""
	}
	switch {
	case r.Path == "/api/1/datasets/":
		return "dataset"
	case strings.HasSuffix(r.Path, "/resources/"):
		return "link"
	case strings.HasSuffix(r.Path, "/upload/"):
		return "upload"
	}
	return ""
}

// faultsOnCreates counts the creates since before that met a fault the
// emulator logs (a status, or a connection dropped before processing).
func faultsOnCreates(emu *emulator.Server, before int) int {
	n := 0
	for _, r := range emu.Requests()[before:] {
		if createKind(r) != "" && (r.Status == 0 || r.Status >= 429) {
			n++
		}
	}
	return n
}

// checkCreatesProcessedOnce: since before, the emulator processed (201)
// each declared create exactly once, whether its answer reached the
// provider or was dropped after processing.
func checkCreatesProcessedOnce(t *testing.T, emu *emulator.Server, before int) error {
	created := map[string]int{}
	for _, r := range emu.Requests()[before:] {
		if kind := createKind(r); kind != "" && r.Status == 201 {
			created[kind]++
		}
	}
	want := map[string]int{"dataset": faultDatasets, "link": faultLinks, "upload": faultFiles}
	for kind, n := range want {
		if created[kind] != n {
			return fmt.Errorf("the portal processed %d %s creates, want exactly %d (one per declared object)", created[kind], kind, n)
		}
	}
	t.Logf("the apply through faults succeeded; each create was processed once")
	return nil
}
