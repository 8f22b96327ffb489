package acctest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// Catalogue is what an organization published before Terraform, the way a
// producer's curl scripts do: the starting point of the adoption tests.
// It lives in an organization of its own, so that listing the organization
// finds exactly these objects, whatever other tests run beside it.
type Catalogue struct {
	OrgID string
	// Datasets are the live datasets, in the order they were published.
	Datasets []CatalogueDataset
	// DeletedDataset was published, then deleted: never listed, never
	// imported, never restored.
	DeletedDataset string
	Dataservices   []string
	ContactPoints  []string
	// FilesDir holds the producer's own copy of each uploaded file, named
	// <resource id>.csv (what a configuration's file_path names).
	FilesDir string
}

// CatalogueDataset is one published dataset and its files.
type CatalogueDataset struct {
	ID    string
	Title string
	// Links are the ids of its remote files, Upload the id of its
	// uploaded one.
	Links  []string
	Upload string
}

// Resources is the number of files the catalogue's live datasets have.
func (c *Catalogue) Resources() int {
	n := 0
	for _, d := range c.Datasets {
		n += len(d.Links) + 1
	}
	return n
}

// PublishCatalogue creates, with the main key, a new organization that
// publishes datasets datasets of three files each (two links and one
// uploaded file), one deleted dataset, dataservices dataservices and
// contactPoints contact points. Everything is deleted when the test ends.
func PublishCatalogue(t *testing.T, datasets, dataservices, contactPoints int) *Catalogue {
	t.Helper()
	PreCheck(t)
	ctx := context.Background()
	c := Client(t)
	orgID, err := createOrganization(site.BaseURL, site.APIKey, RandomName("adopted organization"))
	if err != nil {
		t.Fatalf("create the organization to adopt: %v", err)
	}
	cat := &Catalogue{OrgID: orgID, FilesDir: t.TempDir()}

	for i := 1; i <= datasets; i++ {
		title := fmt.Sprintf("Adopted dataset %d", i)
		ds := CreateDataset(t, c, &client.DatasetInput{
			Title: title, Description: "Published before Terraform.", Organization: orgID, Tags: []string{"adopt-me"},
		})
		d := CatalogueDataset{ID: ds.ID, Title: title}
		for _, kind := range []string{"stations", "mesures"} {
			r, err := c.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{
				Title: fmt.Sprintf("%s %d", kind, i), Filetype: "remote", Type: "main",
				URL: fmt.Sprintf("https://data.example.org/%d/%s.csv", i, kind),
			})
			if err != nil {
				t.Fatalf("create link %s of dataset %d: %v", kind, i, err)
			}
			d.Links = append(d.Links, r.ID)
		}
		content := fmt.Sprintf("annee,valeur\n2024,%d\n", i)
		up, err := c.Resources.Upload(ctx, ds.ID, client.UploadFile{
			Name: fmt.Sprintf("releve-%d.csv", i), Content: strings.NewReader(content), Size: int64(len(content)),
		})
		if err != nil {
			t.Fatalf("upload the file of dataset %d: %v", i, err)
		}
		d.Upload = up.Resource.ID
		if err := os.WriteFile(filepath.Join(cat.FilesDir, d.Upload+".csv"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		cat.Datasets = append(cat.Datasets, d)
	}

	gone := CreateDataset(t, c, &client.DatasetInput{
		Title: "Deleted dataset", Description: "Deleted before Terraform.", Organization: orgID, Tags: []string{"adopt-me"},
	})
	if err := c.Datasets.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("delete a dataset before the adoption: %v", err)
	}
	cat.DeletedDataset = gone.ID

	for i := 1; i <= contactPoints; i++ {
		email := fmt.Sprintf("contact-%d@example.org", i)
		cp, err := c.ContactPoints.Create(ctx, &client.ContactPointInput{
			Name: fmt.Sprintf("Adopted contact %d", i), Email: &email, Role: "contact", Organization: orgID,
		})
		if err != nil {
			t.Fatalf("create contact point %d: %v", i, err)
		}
		cat.ContactPoints = append(cat.ContactPoints, cp.ID)
		t.Cleanup(func() { _ = c.ContactPoints.Delete(context.Background(), cp.ID) })
	}
	for i := 1; i <= dataservices; i++ {
		base := fmt.Sprintf("https://api.example.org/v%d/", i)
		s, err := c.Dataservices.Create(ctx, &client.DataserviceInput{
			Title: fmt.Sprintf("Adopted API %d", i), Description: "Published before Terraform.",
			BaseAPIURL: &base, Organization: orgID, Tags: []string{"adopt-me"},
		})
		if err != nil {
			t.Fatalf("create dataservice %d: %v", i, err)
		}
		cat.Dataservices = append(cat.Dataservices, s.ID)
		t.Cleanup(func() { _ = c.Dataservices.Delete(context.Background(), s.ID) })
	}
	return cat
}
