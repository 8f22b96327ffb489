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

// TestAccDataserviceDataSource reads a dataservice made out of band by id,
// by slug and by an old slug: each time the canonical id comes back.
func TestAccDataserviceDataSource(t *testing.T) {
	acctest.PreCheck(t)
	c := acctest.Client(t)
	ctx := context.Background()
	title := acctest.RandomName("dataservice data source")
	d, err := c.Dataservices.Create(ctx, &client.DataserviceInput{
		Title: title, Description: "Read by a data source.", BaseAPIURL: new("https://api.example.org/"),
		Format: new("REST"), Tags: []string{"tfacc-data-source"}, Availability: new(99.5),
		Extras: map[string]any{"tfacc:key": "value", "tfacc:number": 3},
		AccessRules: client.AccessRules{AccessType: client.AccessRestricted,
			AccessAudiences: []client.AccessAudience{{Role: new("private"), Condition: new("yes")}}},
	})
	if err != nil {
		t.Fatalf("create dataservice: %v", err)
	}
	t.Cleanup(func() { _ = c.Dataservices.Delete(ctx, d.ID) })
	oldSlug := d.Slug
	if d, err = c.Dataservices.Update(ctx, d.ID, &client.DataserviceInput{Title: title + " renamed", Format: new("REST"),
		BaseAPIURL: new("https://api.example.org/"), Tags: []string{"tfacc-data-source"}, Availability: new(99.5),
		Extras: d.Extras, AccessRules: d.AccessRules}); err != nil {
		t.Fatalf("rename dataservice: %v", err)
	}

	const addr = "data.datagouv_dataservice.test"
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(d.ID)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("slug"), knownvalue.StringExact(d.Slug)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("title"), knownvalue.StringExact(title+" renamed")),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("format"), knownvalue.StringExact("REST")),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("availability"), knownvalue.Float64Exact(99.5)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("access_type"), knownvalue.StringExact("restricted")),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("access_audiences"), knownvalue.SetSizeExact(1)),
		// Extras as their text (a number's JSON); never the creation marker.
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("extras"), knownvalue.MapExact(map[string]knownvalue.Check{
			"tfacc:key": knownvalue.StringExact("value"), "tfacc:number": knownvalue.StringExact("3"),
		})),
	}
	config := func(arg, value string) string {
		return fmt.Sprintf("data \"datagouv_dataservice\" \"test\" {\n  %s = %q\n}\n", arg, value)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("id", d.ID), ConfigStateChecks: checks},
			{Config: config("slug", d.Slug), ConfigStateChecks: checks},
			{Config: config("slug", oldSlug), ConfigStateChecks: checks},
		},
	})
}

func TestAccDataserviceDataSource_notFound(t *testing.T) {
	acctest.PreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      fmt.Sprintf("data \"datagouv_dataservice\" \"missing\" {\n  id = %q\n}\n", unusedObjectID(t)),
				ExpectError: errorPattern("Dataservice not found"),
			},
			{
				Config:      `data "datagouv_dataservice" "nothing" {}`,
				ExpectError: errorPattern("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [id,slug]"),
			},
		},
	})
}

// A soft-deleted dataservice is an error that says so, as for a dataset:
// for its editor (udata answers 200 with deleted_at) and for anyone else
// (410).
func TestAccDataserviceDataSource_deleted(t *testing.T) {
	acctest.PreCheck(t)
	c := acctest.Client(t)
	ctx := context.Background()
	d, err := c.Dataservices.Create(ctx, &client.DataserviceInput{Title: acctest.RandomName("deleted dataservice"),
		Description: "Deleted before it is read.", BaseAPIURL: new("https://api.example.org/"), Organization: acctest.Site().OrgID})
	if err != nil {
		t.Fatalf("create dataservice: %v", err)
	}
	if err := c.Dataservices.Delete(ctx, d.ID); err != nil {
		t.Fatalf("delete dataservice: %v", err)
	}
	config := fmt.Sprintf("data \"datagouv_dataservice\" \"deleted\" {\n  id = %q\n}\n", d.ID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorPattern("Dataservice deleted", d.ID, "was deleted on data.gouv.fr on"),
			},
			{
				PreConfig:   func() { unsetAPIKeyForTest(t) },
				Config:      config,
				ExpectError: errorPattern("Dataservice deleted", "has been deleted on data.gouv.fr"),
			},
		},
	})
}
