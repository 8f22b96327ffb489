package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The list resources of `terraform query` (Terraform 1.14 and later; the
// tests skip with an older CLI or OpenTofu, which have none): each lists
// exactly the live objects its filters select, with their identity, and
// with include_resource the object as an import would write it.

// listBlocks is a query configuration: the provider, then each block.
func listBlocks(blocks ...string) string {
	out := "provider \"datagouv\" {}\n"
	for _, b := range blocks {
		out += b
	}
	return out
}

// listBlock is one list block of type typ named name, with config's
// arguments, the resources included or not.
func listBlock(typ, name, config string, includeResource bool) string {
	return fmt.Sprintf(`
list %q %q {
  provider         = datagouv
  include_resource = %t
  limit            = 1000
  config {
    %s
  }
}
`, typ, name, includeResource, config)
}

// queryTest runs one query step and its checks; sequentially, since the
// catalogues it lists are organizations of the main user
// (acctest.PublishCatalogue).
func queryTest(t *testing.T, config string, checks ...querycheck.QueryResultCheck) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.QueryCLIs(),
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Query: true, Config: config, QueryResultChecks: checks}},
	})
}

// byID is an identity of the objects udata names by their id alone.
func byID(id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}
}

// byFile is a datagouv_resource's identity.
func byFile(dataset, id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"dataset_id": knownvalue.StringExact(dataset), "id": knownvalue.StringExact(id)}
}

// Every live dataset of the organization, untagged included; with the tag,
// the tagged ones only; the deleted one never. A listed dataset carries
// what its import would write.
func TestAccListDataset_query(t *testing.T) {
	acctest.PreCheck(t)
	cat := acctest.PublishCatalogue(t, 2, 0, 0)
	untagged := acctest.CreateDataset(t, acctest.Client(t), &client.DatasetInput{
		Title: "Untagged dataset", Description: "Not tagged adopt-me.", Organization: cat.OrgID, Tags: []string{"other-tag"},
	})
	org := fmt.Sprintf("organization = %q", cat.OrgID)
	first := cat.Datasets[0]
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("datagouv_dataset.all", 3),
		querycheck.ExpectIdentity("datagouv_dataset.all", byID(first.ID)),
		querycheck.ExpectIdentity("datagouv_dataset.all", byID(cat.Datasets[1].ID)),
		querycheck.ExpectIdentity("datagouv_dataset.all", byID(untagged.ID)),
		querycheck.ExpectNoIdentity("datagouv_dataset.all", byID(cat.DeletedDataset)),
		querycheck.ExpectResourceDisplayName("datagouv_dataset.all", queryfilter.ByResourceIdentity(byID(first.ID)), knownvalue.StringExact(first.Title)),
		querycheck.ExpectResourceKnownValues("datagouv_dataset.all", queryfilter.ByResourceIdentity(byID(first.ID)), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("title"), KnownValue: knownvalue.StringExact(first.Title)},
			{Path: tfjsonpath.New("organization"), KnownValue: knownvalue.StringExact(cat.OrgID)},
			{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("adopt-me")})},
		}),
		querycheck.ExpectLength("datagouv_dataset.tagged", 2),
		querycheck.ExpectNoIdentity("datagouv_dataset.tagged", byID(untagged.ID)),
		querycheck.ExpectNoIdentity("datagouv_dataset.tagged", byID(cat.DeletedDataset)),
	}
	queryTest(t, listBlocks(
		listBlock("datagouv_dataset", "all", org, true),
		listBlock("datagouv_dataset", "tagged", org+"\n    tag = \"adopt-me\"", false),
	), checks...)
}

// The files and links of the organization's live datasets, or of one
// dataset; a deleted dataset's never.
func TestAccListResource_query(t *testing.T) {
	acctest.PreCheck(t)
	cat := acctest.PublishCatalogue(t, 2, 0, 0)
	first := cat.Datasets[0]
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength("datagouv_resource.all", cat.Resources()),
		querycheck.ExpectLength("datagouv_resource.first", 3),
		querycheck.ExpectLength("datagouv_resource.deleted", 0),
		querycheck.ExpectIdentity("datagouv_resource.first", byFile(first.ID, first.Upload)),
		querycheck.ExpectResourceKnownValues("datagouv_resource.first", queryfilter.ByResourceIdentity(byFile(first.ID, first.Upload)), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("filetype"), KnownValue: knownvalue.StringExact("file")},
			{Path: tfjsonpath.New("file_path"), KnownValue: knownvalue.Null()},
		}),
	}
	for _, d := range cat.Datasets {
		for _, id := range append([]string{d.Upload}, d.Links...) {
			checks = append(checks, querycheck.ExpectIdentity("datagouv_resource.all", byFile(d.ID, id)))
		}
	}
	queryTest(t, listBlocks(
		listBlock("datagouv_resource", "all", fmt.Sprintf("organization = %q", cat.OrgID), false),
		listBlock("datagouv_resource", "first", fmt.Sprintf("dataset_id = %q", first.ID), true),
		listBlock("datagouv_resource", "deleted", fmt.Sprintf("dataset_id = %q", cat.DeletedDataset), false),
	), checks...)
}

// The organization's dataservices, a deleted one not listed.
func TestAccListDataservice_query(t *testing.T) {
	acctest.PreCheck(t)
	cat := acctest.PublishCatalogue(t, 0, 3, 0)
	deleted := cat.Dataservices[2]
	if err := acctest.Client(t).Dataservices.Delete(context.Background(), deleted); err != nil {
		t.Fatalf("delete a dataservice: %v", err)
	}
	queryTest(t, listBlocks(listBlock("datagouv_dataservice", "all", fmt.Sprintf("organization = %q", cat.OrgID), true)),
		querycheck.ExpectLength("datagouv_dataservice.all", 2),
		querycheck.ExpectIdentity("datagouv_dataservice.all", byID(cat.Dataservices[0])),
		querycheck.ExpectIdentity("datagouv_dataservice.all", byID(cat.Dataservices[1])),
		querycheck.ExpectNoIdentity("datagouv_dataservice.all", byID(deleted)),
		querycheck.ExpectResourceKnownValues("datagouv_dataservice.all", queryfilter.ByResourceIdentity(byID(cat.Dataservices[0])), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("title"), KnownValue: knownvalue.StringExact("Adopted API 1")},
			{Path: tfjsonpath.New("organization"), KnownValue: knownvalue.StringExact(cat.OrgID)},
		}),
	)
}

// The organization's contact points.
func TestAccListContactPoint_query(t *testing.T) {
	acctest.PreCheck(t)
	cat := acctest.PublishCatalogue(t, 0, 0, 2)
	queryTest(t, listBlocks(listBlock("datagouv_contact_point", "all", fmt.Sprintf("organization = %q", cat.OrgID), true)),
		querycheck.ExpectLength("datagouv_contact_point.all", 2),
		querycheck.ExpectIdentity("datagouv_contact_point.all", byID(cat.ContactPoints[0])),
		querycheck.ExpectIdentity("datagouv_contact_point.all", byID(cat.ContactPoints[1])),
		querycheck.ExpectResourceDisplayName("datagouv_contact_point.all", queryfilter.ByResourceIdentity(byID(cat.ContactPoints[0])), knownvalue.StringExact("Adopted contact 1")),
		querycheck.ExpectResourceKnownValues("datagouv_contact_point.all", queryfilter.ByResourceIdentity(byID(cat.ContactPoints[1])), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("contact-2@example.org")},
			{Path: tfjsonpath.New("organization"), KnownValue: knownvalue.StringExact(cat.OrgID)},
		}),
	)
}

// Terraform lists 100 results per list block unless it sets limit: a list
// cut short says so, with the number to set, instead of leaving objects
// out silently.
func TestAccListResource_limitWarns(t *testing.T) {
	acctest.RequireQueryCLI(t)
	cat := acctest.PublishCatalogue(t, 1, 0, 0)
	out := acctest.RunCLI(t, queryDir(t, listBlock("datagouv_resource", "all", fmt.Sprintf("organization = %q", cat.OrgID), false)+
		strings.Replace(listBlock("datagouv_resource", "two", fmt.Sprintf("organization = %q", cat.OrgID), false), "1000", "2", 1)), "query")
	if n := strings.Count(out, "list.datagouv_resource.two "); n != 2 {
		t.Errorf("the list with limit = 2 shows %d files, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "list.datagouv_resource.all "); n != 3 {
		t.Errorf("the list with limit = 1000 shows %d files, want 3:\n%s", n, out)
	}
	if want := "Set `limit` in the list block to 3 or more"; strings.Count(out, want) != 1 {
		t.Errorf("the query should warn once that the list was cut short (%q):\n%s", want, out)
	}
}
