package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// TestAccContactPointsDataSource lists the test organization's contact
// points, made out of band, over several pages (the test binary's page
// size is 2), with and without an API key. Other tests add theirs
// meanwhile: the listing must hold these two, with their fields.
func TestAccContactPointsDataSource(t *testing.T) {
	acctest.PreCheck(t)
	org := acctest.Site().OrgID
	if org == "" {
		t.Skip("contact points are listed by organization: the site has no test organization (DATAGOUV_ORGANIZATION)")
	}
	c := acctest.Client(t)
	ctx := context.Background()
	name := acctest.RandomName("contact points")
	var made []*client.ContactPoint
	for _, in := range []client.ContactPointInput{
		{Name: "Desk " + name, Email: new("desk@example.org"), Role: "contact", Organization: org},
		{Name: "Form " + name, ContactForm: new("https://example.org/contact"), Role: "publisher", Organization: org},
	} {
		cp, err := c.ContactPoints.Create(ctx, &in)
		if err != nil {
			t.Fatalf("create contact point: %v", err)
		}
		t.Cleanup(func() { _ = c.ContactPoints.Delete(context.Background(), cp.ID) })
		made = append(made, cp)
	}
	config := fmt.Sprintf("data \"datagouv_contact_points\" \"org\" {\n  organization = %q\n}\n", org)
	const list = "data.datagouv_contact_points.org"
	listed := resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckTypeSetElemAttr(list, "ids.*", made[0].ID),
		resource.TestCheckTypeSetElemAttr(list, "ids.*", made[1].ID),
		resource.TestCheckTypeSetElemNestedAttrs(list, "contact_points.*", map[string]string{
			"id": made[0].ID, "name": "Desk " + name, "email": "desk@example.org", "role": "contact"}),
		resource.TestCheckTypeSetElemNestedAttrs(list, "contact_points.*", map[string]string{
			"id": made[1].ID, "name": "Form " + name, "contact_form": "https://example.org/contact", "role": "publisher"}),
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "datagouv_contact_points" "bad" { organization = "my-org" }`,
				ExpectError: errorPattern("must be an id"),
			},
			{Config: config, Check: listed},
			{
				// The listing is public.
				PreConfig: func() { unsetAPIKeyForTest(t) },
				Config:    config,
				Check:     listed,
			},
		},
	})
}
