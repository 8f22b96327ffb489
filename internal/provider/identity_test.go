package provider_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Resource identity (Terraform and OpenTofu 1.12 and later): every managed
// type stores the attributes that name its object, keeps them through
// updates, and imports from an import block's identity. With an older CLI
// these tests skip (acctest.IdentityCLIs); the rest of the suite runs there
// and proves that the identity the provider always answers does no harm
// (a Read that removes an object, with Terraform 1.5.7, fails without it).

const (
	identityFileAddr  = "datagouv_resource.file"
	identityOrderAddr = "datagouv_resource_order.files"
)

// identityConfig is one object of each managed type: the dataservice
// serves the dataset and names the contact point (servedObjects), the
// dataset has two files in a chosen order. title changes in place.
func identityConfig(name, title string) string {
	return dataserviceConfig(servedObjects(name),
		fmt.Sprintf("title = %q", title),
		`datasets = [datagouv_dataset.served.id]`,
		`contact_points = [datagouv_contact_point.api.id]`,
		orgLine(),
	) + fmt.Sprintf(`
resource "datagouv_resource" "file" {
  dataset_id = datagouv_dataset.served.id
  title      = %[1]q
  url        = "https://example.org/identity.csv"
}

resource "datagouv_resource" "other" {
  dataset_id = datagouv_dataset.served.id
  title      = "Other file"
  url        = "https://example.org/other.csv"
}

resource "datagouv_resource_order" "files" {
  dataset_id   = datagouv_dataset.served.id
  resource_ids = [datagouv_resource.file.id, datagouv_resource.other.id]
}
`, title)
}

// identityChecks: each object's identity is the attributes that name it,
// as its state holds them.
func identityChecks() []statecheck.StateCheck {
	return slices.Concat(
		acctest.IdentityOf("datagouv_dataset.served", "id"),
		acctest.IdentityOf("datagouv_contact_point.api", "id"),
		acctest.IdentityOf(dataserviceAddr, "id"),
		acctest.IdentityOf(identityFileAddr, "dataset_id", "id"),
		acctest.IdentityOf(identityOrderAddr, "dataset_id"),
	)
}

// Created, updated in place (same identity, the state's ids unchanged),
// then each type imported from its identity: the plan imports it and
// changes nothing.
func TestAccIdentity_everyType(t *testing.T) {
	acctest.PreCheck(t)
	name := acctest.RandomName("identity")
	dataservice, file := acctest.SameID(dataserviceAddr), acctest.SameID(identityFileAddr)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.IdentityCLIs(),
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDataserviceSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config:            identityConfig(name, name),
				ConfigPlanChecks:  acctest.Plans(dataserviceAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: append(identityChecks(), dataservice.Check(), file.Check()),
			},
			{
				Config:            identityConfig(name, name+" renamed"),
				ConfigPlanChecks:  acctest.Plans(dataserviceAddr, plancheck.ResourceActionUpdate, plancheck.ExpectResourceAction(identityFileAddr, plancheck.ResourceActionUpdate)),
				ConfigStateChecks: append(identityChecks(), dataservice.Check(), file.Check()),
			},
			acctest.ImportByIdentity("datagouv_dataset.served"),
			acctest.ImportByIdentity("datagouv_contact_point.api"),
			acctest.ImportByIdentity(dataserviceAddr),
			acctest.ImportByIdentity(identityFileAddr),
			acctest.ImportByIdentity(identityOrderAddr),
		},
	})
}

// A dataset and a file made outside Terraform, adopted by import blocks
// that give their identity (what a user writes): the plan imports both and
// changes nothing, the apply stores the identities, and the next plan is
// empty.
func TestAccIdentity_importBlocks(t *testing.T) {
	acctest.PreCheck(t)
	title := acctest.RandomName("identity-import")
	c := acctest.Client(t)
	ds := acctest.CreateDataset(t, c, &client.DatasetInput{Title: title, Description: "Adopted by its identity."})
	file, err := c.Resources.CreateRemote(context.Background(), ds.ID, &client.ResourceInput{Title: "Adopted file", Type: "main", URL: "https://example.org/adopted.csv"})
	if err != nil {
		t.Fatalf("file outside Terraform: %v", err)
	}
	config := fmt.Sprintf(`
import {
  to       = datagouv_dataset.test
  identity = { id = %[1]q }
}

import {
  to       = datagouv_resource.file
  identity = { dataset_id = %[1]q, id = %[2]q }
}

resource "datagouv_dataset" "test" {
  title       = %[3]q
  description = "Adopted by its identity."
}

resource "datagouv_resource" "file" {
  dataset_id = datagouv_dataset.test.id
  title      = "Adopted file"
  url        = "https://example.org/adopted.csv"
}
`, ds.ID, file.ID, title)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.IdentityCLIs(),
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDatasetSoftDeleted(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: acctest.Plans(datasetAddr, plancheck.ResourceActionNoop,
					plancheck.ExpectResourceAction(identityFileAddr, plancheck.ResourceActionNoop)),
				ConfigStateChecks: slices.Concat(acctest.IdentityOf(datasetAddr, "id"), acctest.IdentityOf(identityFileAddr, "dataset_id", "id")),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(datasetAddr, "id", ds.ID),
					resource.TestCheckResourceAttr(identityFileAddr, "id", file.ID),
				),
			},
		},
	})
}
