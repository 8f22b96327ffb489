package provider_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
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

// qualityFiles are two files of the test dataset: a documentation file in a
// closed format, and data in an open one.
const qualityFiles = `
resource "datagouv_resource" "doc" {
  dataset_id = datagouv_dataset.test.id
  title      = "Documentation"
  type       = "documentation"
  url        = "https://example.org/doc.pdf"
  format     = "pdf"
}

resource "datagouv_resource" "data" {
  dataset_id = datagouv_dataset.test.id
  title      = "Data"
  url        = "https://example.org/data.csv"
  format     = "csv"
}
`

// ninths is a score of n criteria met out of nine, as the portal writes it.
func ninths(n int) knownvalue.Check { return knownvalue.Float64Exact(float64(n) / 9) }

// portalScore checks the score the portal computes for the dataset.
func portalScore(t *testing.T, n int) resource.TestCheckFunc {
	return checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
		if ds.Quality == nil || math.Abs(ds.Quality.Score-float64(n)/9) > 1e-12 {
			return fmt.Errorf("portal quality %+v, want a score of %d/9", ds.Quality, n)
		}
		return nil
	})
}

// TestAccDatasetQuality_planPredictsWhatApplyFinds: the plan shows the
// predicted score and leaves `quality` unknown; apply finds that score on the
// portal and the state shows the portal's quality, criterion by criterion; a
// dataset's plan counts the files the portal has; a refresh changes nothing
// the next plan would show; import reads the same.
func TestAccDatasetQuality_planPredictsWhatApplyFinds(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("quality")
	dataset := func(description string, more ...string) string {
		return datasetConfig(append([]string{fmt.Sprintf("title = %q", title), fmt.Sprintf("description = %q", description),
			`frequency = "irregular"`, fmt.Sprintf("tags = [%q]", title), orgLine()}, more...)...)
	}
	exactly100, over100 := strings.Repeat("x", 100), strings.Repeat("x", 101)
	temporal := `temporal_coverage = { start = "2020-01-01" }`
	criteria := func(met map[string]bool) statecheck.StateCheck {
		checks := map[string]knownvalue.Check{}
		n := 0
		for _, k := range []string{"license", "temporal_coverage", "spatial", "update_frequency", "update_fulfilled_in_time",
			"dataset_description_quality", "has_resources", "has_open_format", "all_resources_available", "resources_documentation"} {
			checks[k] = knownvalue.Bool(met[k])
			if met[k] && k != "has_resources" {
				n++
			}
		}
		checks["score"] = ninths(n)
		return statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("quality"), knownvalue.ObjectExact(checks))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				// A description of exactly 100 characters is not enough;
				// "notspecified" is a licence; no files yet.
				Config: dataset(exactly100, temporal),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionCreate,
					plancheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("predicted_quality_score"), ninths(4)),
					plancheck.ExpectUnknownValue(datasetAddr, tfjsonpath.New("quality"))),
				ConfigStateChecks: []statecheck.StateCheck{
					criteria(map[string]bool{"license": true, "temporal_coverage": true, "update_frequency": true, "update_fulfilled_in_time": true}),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("predicted_quality_score"), ninths(4)),
				},
				Check: portalScore(t, 4),
			},
			{
				// Files published by the same configuration: the dataset
				// itself plans nothing.
				Config:           dataset(exactly100, temporal) + qualityFiles,
				ConfigPlanChecks: acctest.Plans("datagouv_resource.data", plancheck.ResourceActionCreate, plancheck.ExpectResourceAction(datasetAddr, plancheck.ResourceActionNoop)),
				Check:            portalScore(t, 7),
			},
			{
				// The refresh shows the files' criteria; a longer
				// description, planned, counts them: all nine.
				Config: dataset(over100, temporal) + qualityFiles,
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("predicted_quality_score"), ninths(9)),
					plancheck.ExpectUnknownValue(datasetAddr, tfjsonpath.New("quality"))),
				ConfigStateChecks: []statecheck.StateCheck{
					criteria(map[string]bool{"license": true, "temporal_coverage": true, "spatial": true, "update_frequency": true,
						"update_fulfilled_in_time": true, "dataset_description_quality": true, "has_resources": true, "has_open_format": true,
						"all_resources_available": true, "resources_documentation": true}),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("predicted_quality_score"), ninths(9)),
				},
				Check: portalScore(t, 9),
			},
			{
				// Lowering: the temporal coverage and the long description go.
				Config: dataset("Short.") + qualityFiles,
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("predicted_quality_score"), ninths(7))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("quality").AtMapKey("score"), ninths(7)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("quality").AtMapKey("temporal_coverage"), knownvalue.Bool(false)),
				},
				Check: portalScore(t, 7),
			},
			{
				// The data sources read the same quality.
				Config: dataset("Short.") + qualityFiles + "data \"datagouv_dataset\" \"read\" {\n  id = datagouv_dataset.test.id\n}\n" +
					fmt.Sprintf("data \"datagouv_datasets\" \"tagged\" {\n  tag = %q\n}\n", title),
				ConfigPlanChecks: acctest.Converges(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.datagouv_dataset.read", tfjsonpath.New("quality").AtMapKey("score"), ninths(7)),
					statecheck.ExpectKnownValue("data.datagouv_dataset.read", tfjsonpath.New("quality").AtMapKey("resources_documentation"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.datagouv_dataset.read", tfjsonpath.New("quality").AtMapKey("dataset_description_quality"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.datagouv_datasets.tagged", tfjsonpath.New("datasets").AtSliceIndex(0).AtMapKey("quality_score"), ninths(7)),
				},
			},
			acctest.Import(datasetAddr),
		},
	})
}

// TestAccDatasetQuality_warningNamesLostCriteria: a plan that lowers the
// score warns, naming the criteria lost and both scores; one that does not,
// does not. terraform-plugin-testing does not show warnings: the CLI is run
// as a user would.
func TestAccDatasetQuality_warningNamesLostCriteria(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	title := acctest.RandomName("quality")
	write := func(body ...string) {
		writeFile(t, filepath.Join(dir, "main.tf"), datasetConfig(append([]string{fmt.Sprintf("title = %q", title), orgLine()}, body...)...))
	}
	write(fmt.Sprintf("description = %q", strings.Repeat("x", 101)), `temporal_coverage = { start = "2020-01-01" }`, `frequency = "irregular"`)
	acctest.RunCLI(t, dir, "init")
	acctest.RunCLI(t, dir, "apply", "-auto-approve")
	t.Cleanup(func() { acctest.RunCLI(t, dir, "destroy", "-auto-approve") })

	// A change that keeps the score: no warning.
	write(fmt.Sprintf("description = %q", strings.Repeat("y", 101)), `temporal_coverage = { start = "2020-01-01" }`, `frequency = "irregular"`)
	if plan := acctest.RunCLI(t, dir, "plan"); strings.Contains(plan, "Warning:") {
		t.Fatalf("a plan that keeps the score warns:\n%s", plan)
	}

	write(`description = "Short."`, `frequency = "irregular"`)
	plan := acctest.RunCLI(t, dir, "plan")
	_, warning, _ := strings.Cut(plan, "Warning: Dataset quality score drops")
	warning = strings.Join(strings.Fields(warning), " ")
	for _, want := range []string{"from 5/9 (0.56) to 4/9 (0.44)", "a temporal coverage, a description longer than 100 characters"} {
		if !strings.Contains(warning, want) {
			t.Fatalf("the plan should warn that the score drops, with %q:\n%s", want, plan)
		}
	}
}

// TestAccDatasetQuality_minimumScore: below the provider's
// minimum_quality_score, a dataset's create or update fails at plan time,
// naming what it misses, and nothing is written; at or above it, it is
// published. A minimum outside 0-1 is refused.
func TestAccDatasetQuality_minimumScore(t *testing.T) {
	t.Parallel() // once, for both test cases
	acctest.PreCheck(t)
	title := acctest.RandomName("quality")
	withMinimum := func(minimum string, body ...string) string {
		return fmt.Sprintf("provider \"datagouv\" {\n  minimum_quality_score = %s\n}\n", minimum) +
			datasetConfig(append([]string{fmt.Sprintf("title = %q", title), orgLine()}, body...)...)
	}
	good := []string{fmt.Sprintf("description = %q", strings.Repeat("x", 101)), `temporal_coverage = { start = "2020-01-01" }`, `frequency = "irregular"`}
	poor := []string{`description = "Short."`, `frequency = "irregular"`}

	log := acctest.NewLog(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{
			{Config: withMinimum("1.5", poor...), PlanOnly: true, ExpectError: errorPattern("minimum_quality_score", "between 0.000000 and 1.000000, got: 1.500000")},
			{Config: withMinimum("0.5", poor...), PlanOnly: true,
				ExpectError: errorPattern("Dataset quality score below the minimum", "3/9 (0.33)", "minimum_quality_score, 0.5",
					"a temporal coverage", "a description longer than 100 characters")},
		},
	})
	assertNothingWritten(t, log, 0, "a dataset below minimum_quality_score")

	var before int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				// 5/9 (licence, temporal coverage, frequency, in time,
				// description; a create sends no spatial coverage) is 0.56.
				Config:           withMinimum("0.55", good...),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionCreate),
			},
			{
				// An update that would drop it below: refused at plan.
				Config: withMinimum("0.55", poor...),
				PreConfig: func() {
					before = log.Writes()
				},
				ExpectError: errorPattern("Dataset quality score below the minimum", "4/9 (0.44)", "a temporal coverage"),
			},
			{
				// Nothing was written; the datasets the plan leaves alone
				// are not checked.
				Config:           withMinimum("1", good...),
				PreConfig:        func() { assertNothingWritten(t, log, before, "an update below minimum_quality_score") },
				ConfigPlanChecks: acctest.PlansNothing(),
			},
		},
	})
}

// TestAccDatasetQuality_savedPlanAfterThePortalChanged: a saved plan's
// prediction is what apply keeps, although the portal's quality changed
// between plan and apply (a file published out of band): Terraform plans
// the dataset again at apply, and that plan predicts from the same prior
// state, never "Provider produced inconsistent final plan". The next
// refresh shows the portal's score.
func TestAccDatasetQuality_savedPlanAfterThePortalChanged(t *testing.T) {
	acctest.PreCheck(t)
	dir := t.TempDir()
	title := acctest.RandomName("quality")
	write := func(description string) {
		writeFile(t, filepath.Join(dir, "main.tf"), datasetConfig(fmt.Sprintf("title = %q", title), orgLine(),
			fmt.Sprintf("description = %q", description), `frequency = "irregular"`)+
			"output \"id\" {\n  value = datagouv_dataset.test.id\n}\n")
	}
	write("Short.")
	acctest.RunCLI(t, dir, "init")
	acctest.RunCLI(t, dir, "apply", "-auto-approve")
	t.Cleanup(func() { acctest.RunCLI(t, dir, "destroy", "-auto-approve") })
	id := strings.Trim(strings.TrimSpace(acctest.RunCLI(t, dir, "output", "-raw", "id")), `"`)

	// Licence, spatial (an update sends one), frequency, in time and now
	// the description: 5/9.
	write(strings.Repeat("x", 101))
	acctest.RunCLI(t, dir, "plan", "-out=tfplan")
	c := acctest.Client(t)
	csv, about := "csv", "Columns: a, b."
	if _, err := c.Resources.CreateRemote(context.Background(), id, &client.ResourceInput{Title: "Data", Filetype: "remote",
		URL: "https://example.org/data.csv", Format: &csv, Description: &about}); err != nil {
		t.Fatal(err)
	}
	acctest.RunCLI(t, dir, "apply", "tfplan")
	show := acctest.RunCLI(t, dir, "state", "show", "datagouv_dataset.test")
	if !regexp.MustCompile(`predicted_quality_score\s+=\s+0\.5555555555555556`).MatchString(show) {
		t.Fatalf("apply should keep the planned prediction, 5/9:\n%s", show)
	}
	// The portal counts the file too: 8/9, which the refresh shows.
	acctest.RunCLI(t, dir, "apply", "-refresh-only", "-auto-approve")
	show = acctest.RunCLI(t, dir, "state", "show", "datagouv_dataset.test")
	if !regexp.MustCompile(`predicted_quality_score\s+=\s+0\.8888888888888888`).MatchString(show) {
		t.Fatalf("the refresh should show the portal's score, 8/9:\n%s", show)
	}
}
