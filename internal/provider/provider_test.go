package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// The provider block's own behaviour, seen through the real CLI. Each
// counts the writes of its own request log; the one that unsets the API
// key is sequential (the environment is the process's).

// providerConfig is a provider block followed by a small dataset, so that
// the provider is configured and a write is planned.
func providerConfig(providerBody, title string) string {
	return fmt.Sprintf("provider \"datagouv\" {\n  %s\n}\n\n", providerBody) + datasetConfig(
		fmt.Sprintf("title = %q", title),
		`description = "Provider configuration test."`,
	)
}

func TestAccProvider_badBaseURL(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	log := acctest.NewLog(t)
	title := acctest.RandomName("provider-bad-url")
	for name, tc := range map[string]struct {
		baseURL string
		want    []string
	}{
		"not a URL":               {"data.gouv.fr", []string{"Invalid data.gouv.fr base URL", "base_url"}},
		"other scheme":            {"ftp://www.data.gouv.fr", []string{"Invalid data.gouv.fr base URL", "https"}},
		"http, non-loopback host": {"http://www.data.gouv.fr", []string{"Invalid data.gouv.fr base URL", "loopback"}},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: log.Factories(),
				Steps: []resource.TestStep{{
					Config:      providerConfig(fmt.Sprintf("base_url = %q", tc.baseURL), title),
					ExpectError: errorPattern(tc.want...),
				}},
			})
		})
	}
	assertNothingWritten(t, log, 0, title)
}

// TestAccProvider_baseURLWithAPIPath: a base URL ending in /api/1 names the
// same site (people copy it from the API documentation).
func TestAccProvider_baseURLWithAPIPath(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("provider-api-path")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config: providerConfig(fmt.Sprintf("base_url = %q", acctest.Site().BaseURL+"/api/1/"), title),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// TestAccProvider_missingAPIKey: a write without any key fails at plan time
// with a sentence on how to set one, before anything is sent.
func TestAccProvider_missingAPIKey(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	t.Setenv(acctest.EnvAPIKey, "")
	title := acctest.RandomName("provider-no-key")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{{
			Config:      providerConfig("", title),
			ExpectError: errorPattern("Missing data.gouv.fr API key", "create a dataset", "DATAGOUV_API_KEY"),
		}},
	})
	assertNothingWritten(t, log, 0, title)
}

// TestAccProvider_badAPIKey: a key the portal refuses fails at plan time,
// naming the problem, and nothing is written.
func TestAccProvider_badAPIKey(t *testing.T) {
	acctest.PreCheck(t)
	log := acctest.NewLog(t)
	title := acctest.RandomName("provider-bad-key")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: log.Factories(),
		Steps: []resource.TestStep{{
			// The configured key wins over DATAGOUV_API_KEY.
			Config:      providerConfig(`api_key = "udata_not_a_valid_key"`, title),
			ExpectError: errorPattern("data.gouv.fr refused the API key", "401", "api_key"),
		}},
	})
	assertNothingWritten(t, log, 0, title)
}
