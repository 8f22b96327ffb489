package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// datasetAccessConfig is a dataset with the body lines, after a contact
// point of its organization (or owner).
func datasetAccessConfig(title string, body ...string) string {
	return fmt.Sprintf(`
resource "datagouv_contact_point" "desk" {
  name  = "Data desk %[1]s"
  email = "data-desk@example.org"
  role  = "contact"
  %[2]s
}
`, title, orgLine()) + datasetConfig(append([]string{fmt.Sprintf("title = %q", title), `description = "Access rules."`, orgLine()}, body...)...)
}

func TestAccDataset_accessRules(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("dataset-access")
	id := acctest.SameID(datasetAddr)
	audiences := `access_audiences = [{ role = "private", condition = "no" }, { role = "company_and_association", condition = "under_condition" }]`

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: datasetAccessConfig(title,
					`contact_points = [datagouv_contact_point.desk.id]`,
					`access_type = "restricted"`, audiences,
					`authorization_request_url = "https://example.org/ask-for-access"`,
					`access_type_reason_category = "confidentiality_of_personal_data"`,
					`access_type_reason = "Personal data."`),
				ConfigPlanChecks: acctest.Converges(),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("license"), knownvalue.StringExact("notspecified")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("access_audiences"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("contact_points"), knownvalue.ListSizeExact(1)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair(datasetAddr, "contact_points.0", "datagouv_contact_point.desk", "id"),
					checkDatasetOnPortal(t, datasetAddr, func(ds *client.Dataset) error {
						if ds.AccessType != "restricted" || len(ds.AccessAudiences) != 2 || len(ds.ContactPoints) != 1 ||
							deref(ds.AccessTypeReasonCategory) != "confidentiality_of_personal_data" {
							return fmt.Errorf("portal access = %+v, contact points %d", ds.AccessRules, len(ds.ContactPoints))
						}
						return nil
					}),
				),
			},
			acctest.Import(datasetAddr),
			{
				// Audiences and contact points removed, a reason kept.
				Config:           datasetAccessConfig(title, `access_type = "open_with_account"`, `access_type_reason = "Accounts let us warn users."`),
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("access_audiences"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("contact_points"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("authorization_request_url"), knownvalue.Null()),
				},
			},
			{
				// The portal kept the audiences: a restricted access
				// without any is refused at plan time.
				Config:      datasetAccessConfig(title, `access_type = "restricted"`),
				ExpectError: errorPattern("Cannot remove every access audience", "access_type ="),
			},
			{
				Config:           datasetAccessConfig(title, `license = "lov2"`),
				ConfigPlanChecks: acctest.Converges(),
				ConfigStateChecks: []statecheck.StateCheck{
					id.Check(),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("access_type"), knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue(datasetAddr, tfjsonpath.New("license"), knownvalue.StringExact("lov2")),
				},
			},
			acctest.Import(datasetAddr),
		},
	})
}
