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

// The data source lists exactly what the portal lists, read without a key.
func TestAccLicensesDataSource(t *testing.T) {
	acctest.PreCheck(t)
	licenses, err := acctest.NewClient(t, "").Reference.Licenses(context.Background())
	if err != nil {
		t.Fatalf("licences: %v", err)
	}
	want := make([]knownvalue.Check, 0, len(licenses))
	sawNotSpecified := false
	for _, l := range licenses {
		url := knownvalue.Check(knownvalue.StringExact(l.URL))
		if l.URL == "" {
			url = knownvalue.Null()
		}
		want = append(want, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":    knownvalue.StringExact(l.ID),
			"title": knownvalue.StringExact(l.Title),
			"url":   url,
		}))
		sawNotSpecified = sawNotSpecified || l.ID == "notspecified"
	}
	if !sawNotSpecified {
		t.Fatalf("the portal's licence list lacks notspecified: %v", licenses)
	}
	unsetAPIKeyForTest(t)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "datagouv_licenses" "all" {}

output "ids" {
  value = [for l in data.datagouv_licenses.all.licenses : l.id]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.datagouv_licenses.all", tfjsonpath.New("licenses"), knownvalue.ListExact(want)),
				statecheck.ExpectKnownOutputValue("ids", knownvalue.ListSizeExact(len(licenses))),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}
