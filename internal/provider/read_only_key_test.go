package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
)

// A key that may read but not write (an auditor's, a read-only CI job's
// checking drift) plans an organization's datasets it leaves unchanged: no
// error, an empty plan. Write access is checked only where a write is
// planned: a change with that key still fails at plan, on organization,
// with nothing written.
func TestAccDataset_nonMemberKeyPlansUnchanged(t *testing.T) {
	log := acctest.NewLog(t)
	orgID := acctest.RequireOrganization(t)
	otherKey := acctest.RequireOtherKey(t)
	title := acctest.RandomName("read-only key")
	config := func(description string) string {
		return datasetConfig(fmt.Sprintf("title = %q", title), fmt.Sprintf("description = %q", description),
			fmt.Sprintf("organization = %q", orgID))
	}
	var before int
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: log.Factories(),
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{Config: config("Checked for drift with a read-only key.")},
			{
				PreConfig: func() { before = log.Writes() },
				Config:    providerBlockWithKey(otherKey) + config("Checked for drift with a read-only key."),
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config:   providerBlockWithKey(otherKey) + config("A change the read-only key may not write."),
				PlanOnly: true,
				// On the organization attribute (the CLI quotes its line).
				ExpectError: errorPattern("Not a member of the organization", "organization = ", "is not a member of the organization"),
			},
			{
				PreConfig: func() { assertNothingWritten(t, log, before, title) },
				Config:    config("Checked for drift with a read-only key."),
				PlanOnly:  true,
			},
		},
	})
}
