package provider_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Checks and steps the acceptance tests of several resource types share;
// those that know nothing of this package's configurations are in
// internal/acctest.

// errorPattern matches an error output holding each part, in order, however
// Terraform wrapped the lines (a space in a part matches any white space).
func errorPattern(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// providerBlockWithKey is a provider block with another user's key; the base URL
// still comes from the environment.
func providerBlockWithKey(key string) string {
	return fmt.Sprintf(`
provider "datagouv" {
  api_key = %q
}
`, key)
}

// stateValue checks that attr of addr is known and not null.
func stateValue(addr string, attr string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.NotNull())
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkOnPortal reads the object at addr on the portal with the tests' key
// (get is the client's read for its kind) and asserts on it.
func checkOnPortal[T any](t *testing.T, addr string, get func(context.Context, *client.Client, string) (T, error), check func(T) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		obj, err := get(context.Background(), acctest.Client(t), rs.Primary.ID)
		if err != nil {
			return fmt.Errorf("read %s on the portal: %w", addr, err)
		}
		return check(obj)
	}
}

// checkEachDestroyed is a CheckDestroy: gone is asked about every object of
// type typ the destroyed state held, with the tests' client, and says what
// is wrong with it.
func checkEachDestroyed(t *testing.T, typ string, gone func(ctx context.Context, c *client.Client, id string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := acctest.Client(t)
		for _, rs := range s.RootModule().Resources {
			if rs.Type != typ {
				continue
			}
			if err := gone(context.Background(), c, rs.Primary.ID); err != nil {
				return err
			}
		}
		return nil
	}
}

// restorePlannedWithKey is a step that, after preConfig, only plans config
// with another account's key: the object at addr stays in the state,
// planned for an update in place (a restore), not for a creation.
func restorePlannedWithKey(key, addr, config string, preConfig func()) resource.TestStep {
	return resource.TestStep{
		PreConfig:          preConfig,
		Config:             providerBlockWithKey(key) + config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		},
	}
}

// slugInIDSteps: a data source of type typ given an object's slug as its
// id is refused, naming the argument to write instead (what: the object's
// kind in the message); given it as slug, it reads the object's id.
func slugInIDSteps(typ, what, slug, id string) []resource.TestStep {
	block := func(arg string) string { return fmt.Sprintf("data %q \"x\" {\n  %s = %q\n}\n", typ, arg, slug) }
	return []resource.TestStep{
		{
			Config:      block("id"),
			ExpectError: errorPattern("Invalid "+what+" id", fmt.Sprintf("write slug = %q instead of id", slug)),
		},
		{
			Config: block("slug"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data."+typ+".x", tfjsonpath.New("id"), knownvalue.StringExact(id)),
			},
		},
	}
}

// badConfiguration is a mistake in a configuration and the diagnostic it
// must give.
type badConfiguration struct {
	name   string
	config string
	want   *regexp.Regexp
}

// testBadConfigurations plans each configuration in a subtest: each fails
// with its diagnostic, and none writes anything on the portal. The test
// runs in parallel with others: the writes it counts are its own log's.
func testBadConfigurations(t *testing.T, title string, tests []badConfiguration) {
	t.Helper()
	t.Parallel()
	log := acctest.NewLog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: log.Factories(),
				Steps:                    []resource.TestStep{{Config: tt.config, ExpectError: tt.want}},
			})
		})
	}
	assertNothingWritten(t, log, 0, title)
}

// assertNothingWritten fails when a write of log reached the portal after
// its first before writes.
func assertNothingWritten(t *testing.T, log *acctest.Log, before int, title string) {
	t.Helper()
	if writes := acctest.Writes(log.Requests()); len(writes) != before {
		t.Fatalf("%d write(s) reached the portal while planning %q: %v", len(writes)-before, title, writes[before:])
	}
}

// datasetConfig is a datagouv_dataset block with the given body lines.
func datasetConfig(body ...string) string {
	return fmt.Sprintf("resource \"datagouv_dataset\" \"test\" {\n  %s\n}\n", strings.Join(body, "\n  "))
}

// orgLine publishes the test dataset as the test organization when the site
// has one (always on the emulator), so that "every argument" includes it.
func orgLine() string {
	if org := acctest.Site().OrgID; org != "" {
		return fmt.Sprintf("organization = %q", org)
	}
	return ""
}

// checkDatasetSoftDeleted is the CheckDestroy of dataset tests: destroy is
// udata's soft delete, so the editor still reads each dataset, with
// "deleted" set.
func checkDatasetSoftDeleted(t *testing.T) resource.TestCheckFunc {
	return checkEachDestroyed(t, "datagouv_dataset", func(ctx context.Context, c *client.Client, id string) error {
		ds, err := c.Datasets.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("dataset %s after destroy: %w (want it soft-deleted, readable by its editor)", id, err)
		}
		if ds.Deleted == nil {
			return fmt.Errorf("dataset %s still exists after destroy (deleted is null)", id)
		}
		return nil
	})
}

// resourceTestConfig is a dataset of its own and, unless body is "", one
// datagouv_resource in it. extra goes before them (e.g. a provider block).
func resourceTestConfig(datasetTitle, extra, body string) string {
	cfg := extra + fmt.Sprintf(`
resource "datagouv_dataset" "test" {
  title       = %q
  description = "Dataset of the datagouv_resource acceptance tests."
}
`, datasetTitle)
	if body != "" {
		cfg += `
resource "datagouv_resource" "test" {
  dataset_id = datagouv_dataset.test.id
` + body + `
}
`
	}
	return cfg
}

// writeFile writes content to path, failing the test if it cannot.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// unsetAPIKeyForTest runs the rest of the test with no API key at all: the
// provider reads DATAGOUV_API_KEY when its block has none, and acctest sets
// it for the whole package. (t.Setenv also keeps the test from running in
// parallel with others, which share the environment.)
func unsetAPIKeyForTest(t *testing.T) {
	t.Setenv(acctest.EnvAPIKey, "")
}

// checkNoResources checks that the test dataset (datasetAddr) holds no
// resource on the portal: what a refused or failed resource must leave.
func checkNoResources(t *testing.T) resource.TestCheckFunc {
	return checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
		if len(ds.Resources) != 0 {
			return fmt.Errorf("the dataset holds %d resources on the portal, want none", len(ds.Resources))
		}
		return nil
	})
}
