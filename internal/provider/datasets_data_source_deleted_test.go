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
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// An organization with a public, a private, an archived and a soft-deleted
// dataset, listed with a member's key: udata lists a member's deleted
// datasets with the others unless told not to, and the adoption guide
// imports whatever the list holds (importing a deleted dataset restores
// it). The deleted one is listed only with include_deleted; private and
// archived ones are listed with their flags.
func TestAccDatasetsDataSource_deletedNotListed(t *testing.T) {
	org := acctest.RequireOrganization(t)
	// Parallel before the soft delete below: a test pauses at t.Parallel
	// until the sequential tests are done, and one of them purges every
	// deleted object of the portal.
	t.Parallel()
	c := acctest.Client(t)
	tag := acctest.RandomName("deleted-listing")
	create := func(name string, private bool) *client.Dataset {
		return acctest.CreateDataset(t, c, &client.DatasetInput{Title: tag + " " + name, Description: "Listed or not by datagouv_datasets.",
			Tags: []string{tag}, Organization: org, Private: private})
	}
	// Created in turn: the listing is oldest first.
	public, private, archived, deleted := create("public", false), create("private", true), create("archived", false), create("deleted", false)
	ctx := context.Background()
	archivedAt := "2024-05-06T07:08:09+00:00"
	if _, err := c.Datasets.Update(ctx, archived.ID, &client.DatasetInput{Title: archived.Title, Description: archived.Description,
		Tags: archived.Tags, Archived: &archivedAt}); err != nil {
		t.Fatalf("archive %s: %v", archived.ID, err)
	}
	if err := c.Datasets.Delete(ctx, deleted.ID); err != nil {
		t.Fatalf("delete %s: %v", deleted.ID, err)
	}
	config := fmt.Sprintf(`
data "datagouv_datasets" "listed" {
  organization = %[1]q
  tag          = %[2]q
}

data "datagouv_datasets" "with_deleted" {
  organization    = %[1]q
  tag             = %[2]q
  include_deleted = true
}
`, org, tag)
	ids := func(ds ...*client.Dataset) knownvalue.Check {
		checks := make([]knownvalue.Check, len(ds))
		for i, d := range ds {
			checks[i] = knownvalue.StringExact(d.ID)
		}
		return knownvalue.ListExact(checks)
	}
	// flags checks private, archived and deleted of each listed dataset.
	flags := func(addr string, want ...[3]bool) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for i, w := range want {
			item := tfjsonpath.New("datasets").AtSliceIndex(i)
			for j, attr := range []string{"private", "archived", "deleted"} {
				checks = append(checks, statecheck.ExpectKnownValue(addr, item.AtMapKey(attr), knownvalue.Bool(w[j])))
			}
		}
		return checks
	}
	listed, withDeleted := "data.datagouv_datasets.listed", "data.datagouv_datasets.with_deleted"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: append(append([]statecheck.StateCheck{
				statecheck.ExpectKnownValue(listed, tfjsonpath.New("ids"), ids(public, private, archived)),
				statecheck.ExpectKnownValue(withDeleted, tfjsonpath.New("ids"), ids(public, private, archived, deleted)),
			},
				flags(listed, [3]bool{false, false, false}, [3]bool{true, false, false}, [3]bool{false, true, false})...),
				flags(withDeleted, [3]bool{false, false, false}, [3]bool{true, false, false}, [3]bool{false, true, false}, [3]bool{false, false, true})...),
		}},
	})
}

// Without an API key the listing is anonymous: udata refuses its deleted
// filter then (401) and lists only public datasets, which are never
// deleted; include_deleted, which needs a key, is refused before any
// request.
func TestAccDatasetsDataSource_withoutKey(t *testing.T) {
	org := acctest.RequireOrganization(t)
	c := acctest.Client(t)
	tag := acctest.RandomName("anonymous-listing")
	public := acctest.CreateDataset(t, c, &client.DatasetInput{Title: tag + " public", Description: "Listed to anyone.", Tags: []string{tag}, Organization: org})
	acctest.CreateDataset(t, c, &client.DatasetInput{Title: tag + " private", Description: "Listed to members.", Tags: []string{tag}, Organization: org, Private: true})
	t.Setenv(provider.EnvAPIKey, "")
	config := func(extra string) string {
		return fmt.Sprintf("data \"datagouv_datasets\" \"anonymous\" {\n  organization = %q\n  tag = %q\n  %s\n}\n", org, tag, extra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.datagouv_datasets.anonymous", tfjsonpath.New("ids"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(public.ID)})),
				},
			},
			{
				Config:      config("include_deleted = true"),
				ExpectError: errorPattern("Missing data.gouv.fr API key", "list deleted datasets (include_deleted)"),
			},
		},
	})
}
