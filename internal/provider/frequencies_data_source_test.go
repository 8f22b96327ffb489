package provider_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// The data source lists exactly what the portal lists, read without a key;
// the ids are the 40 of udata's UpdateFrequency.
func TestAccFrequenciesDataSource(t *testing.T) {
	acctest.PreCheck(t)
	frequencies, err := acctest.NewClient(t, "").Reference.Frequencies(context.Background())
	if err != nil {
		t.Fatalf("frequencies: %v", err)
	}
	want := make([]knownvalue.Check, 0, len(frequencies))
	for _, f := range frequencies {
		want = append(want, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":    knownvalue.StringExact(f.ID),
			"label": knownvalue.StringExact(f.Label),
		}))
	}
	unsetAPIKeyForTest(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "datagouv_frequencies" "all" {}

output "labels" {
  value = { for f in data.datagouv_frequencies.all.frequencies : f.id => f.label }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.datagouv_frequencies.all", tfjsonpath.New("frequencies"), knownvalue.ListExact(want)),
				statecheck.ExpectKnownOutputValue("labels", knownvalue.MapSizeExact(40)),
				statecheck.ExpectKnownOutputValueAtPath("labels", tfjsonpath.New("daily"), knownvalue.NotNull()),
				statecheck.ExpectKnownOutputValueAtPath("labels", tfjsonpath.New("unknown"), knownvalue.NotNull()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}
