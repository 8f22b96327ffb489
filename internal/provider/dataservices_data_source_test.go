package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// TestAccDataservicesDataSource: an organization's dataservices with a tag
// of their own, listed over several pages (the test binary's page size is
// 2), oldest first, with what import blocks need; private and archived ones
// are listed to a member, and a deleted one, which udata lists to its
// editors too, is not.
func TestAccDataservicesDataSource(t *testing.T) {
	acctest.PreCheck(t)
	// Parallel before the soft delete below: a test pauses at t.Parallel
	// until the sequential tests are done, and one of them purges every
	// deleted object of the portal.
	t.Parallel()
	tag := acctest.RandomName("dataservices")
	c := acctest.Client(t)
	ctx := context.Background()
	gone, err := c.Dataservices.Create(ctx, &client.DataserviceInput{Title: tag + " deleted", BaseAPIURL: new("https://api.example.org/"),
		Tags: []string{tag}, Organization: acctest.Site().OrgID})
	if err != nil {
		t.Fatalf("create dataservice: %v", err)
	}
	if err := c.Dataservices.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("delete dataservice: %v", err)
	}
	config := servedObjects(tag) + fmt.Sprintf(`
resource "datagouv_dataservice" "first" {
  title          = "%[1]s first"
  base_api_url   = "https://api.example.org/first/"
  tags           = [%[1]q]
  datasets       = [datagouv_dataset.served.id]
  contact_points = [datagouv_contact_point.api.id]
  %[2]s
}

# Created one after the other, so that the oldest-first order is known.
resource "datagouv_dataservice" "second" {
  title        = "%[1]s second"
  base_api_url = "https://api.example.org/second/"
  tags         = [%[1]q]
  private      = true
  %[2]s
  depends_on   = [datagouv_dataservice.first]
}

resource "datagouv_dataservice" "third" {
  title        = "%[1]s third"
  base_api_url = "https://api.example.org/third/"
  tags         = [%[1]q]
  archived     = true
  %[2]s
  depends_on   = [datagouv_dataservice.second]
}

data "datagouv_dataservices" "tagged" {
  tag        = %[1]q
  %[2]s
  depends_on = [datagouv_dataservice.third]
}

data "datagouv_dataservices" "none" {
  tag        = %[1]q
  owner      = "000000000000000000000000"
  depends_on = [datagouv_dataservice.third]
}
`, tag, orgLine())
	const tagged = "data.datagouv_dataservices.tagged"
	item := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("dataservices").AtSliceIndex(i).AtMapKey(attr)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.Converges(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(tagged, tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(tagged, item(0, "private"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(tagged, item(0, "archived"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(tagged, item(1, "private"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(tagged, item(2, "archived"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(tagged, item(1, "datasets"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(tagged, item(1, "contact_points"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.datagouv_dataservices.none", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair(tagged, "ids.0", "datagouv_dataservice.first", "id"),
				resource.TestCheckResourceAttrPair(tagged, "dataservices.0.slug", "datagouv_dataservice.first", "slug"),
				resource.TestCheckResourceAttrPair(tagged, "dataservices.1.id", "datagouv_dataservice.second", "id"),
				resource.TestCheckResourceAttrPair(tagged, "dataservices.2.title", "datagouv_dataservice.third", "title"),
				resource.TestCheckResourceAttrPair(tagged, "dataservices.0.datasets.0", "datagouv_dataset.served", "id"),
				resource.TestCheckResourceAttrPair(tagged, "dataservices.0.contact_points.0", "datagouv_contact_point.api", "id"),
			),
		}},
	})
}
