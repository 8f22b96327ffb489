package provider_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/acctest"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
	"github.com/datagouv-community/terraform-provider-datagouv/internal/provider"
)

// TestQualityPrediction_matchesSite: for each write, the provider's
// prediction made from the body and the dataset as the site had it just
// before equals, criterion by criterion, the quality the site (udata 17.6.0
// under make test-udata) computes once the write is done: the proof that
// predictQuality mirrors udata's compute_quality. The edge cases: a
// description of exactly 100 characters, "notspecified" as a licence, a
// granularity alone as a spatial coverage, closed formats in any case, a
// file without a format, a documentation file, a described file. (Files
// found unavailable need the portal's crawler: unit-tested only.)
func TestQualityPrediction_matchesSite(t *testing.T) {
	acctest.PreCheck(t)
	c := acctest.Client(t)
	ctx := context.Background()
	org := acctest.Site().OrgID
	str := func(s string) *string { return &s }
	exactly100, over100 := strings.Repeat("d", 100), strings.Repeat("é", 101)

	type file struct {
		format *string
		typ    string
		desc   *string
	}
	for _, tc := range []struct {
		name   string
		create client.DatasetInput
		files  []file
		update *client.DatasetInput // nil: the create is the write predicted
	}{
		{name: "description of exactly 100 characters, no licence",
			create: client.DatasetInput{Description: exactly100}},
		{name: "every field of the dataset",
			create: client.DatasetInput{Description: over100, License: str("lov2"), Frequency: str("daily"),
				TemporalCoverage: &client.TemporalCoverage{Start: "2020-01-01"},
				Spatial:          &client.SpatialInput{Zones: []string{"country:fr"}, Granularity: "country"}}},
		{name: "notspecified licence and a granularity alone",
			create: client.DatasetInput{Description: "d", License: str("notspecified"), Frequency: str("irregular"),
				Spatial: &client.SpatialInput{Granularity: "country"}}},
		{name: "closed formats and a file without format",
			create: client.DatasetInput{Description: "d"},
			files:  []file{{format: str("pdf"), typ: "main"}, {format: str("XLSX"), typ: "main"}, {typ: "main"}},
			update: &client.DatasetInput{Description: over100, License: str("cc-by"), Frequency: str("weekly"),
				Spatial: &client.SpatialInput{Granularity: "other"}}},
		{name: "a documentation file",
			create: client.DatasetInput{Description: "d"},
			files:  []file{{format: str("pdf"), typ: "documentation"}},
			update: &client.DatasetInput{Description: exactly100, Frequency: str("unknown")}},
		{name: "a described file in an open format",
			create: client.DatasetInput{Description: "d", Frequency: str("monthly")},
			files:  []file{{format: str("csv"), typ: "main", desc: str("Columns: a, b.")}, {format: str("docx"), typ: "main"}},
			update: &client.DatasetInput{Description: "d", Frequency: str("monthly"), TemporalCoverage: &client.TemporalCoverage{Start: "2021-01-01"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.create
			in.Title, in.Organization = acctest.RandomName("quality"), org
			predicted := provider.PredictQuality(&in, nil, time.Now())
			ds := acctest.CreateDataset(t, c, &in)
			if tc.update == nil {
				compareQuality(t, predicted, ds.Quality)
				return
			}
			for i, f := range tc.files {
				_, err := c.Resources.CreateRemote(ctx, ds.ID, &client.ResourceInput{Title: "file", Type: f.typ, Filetype: "remote",
					URL: "https://example.org/file-" + string(rune('a'+i)), Format: f.format, Description: f.desc})
				if err != nil {
					t.Fatal(err)
				}
			}
			current, err := c.Datasets.Get(ctx, ds.ID)
			if err != nil {
				t.Fatal(err)
			}
			up := *tc.update
			up.Title = in.Title
			predicted = provider.PredictQuality(&up, current, time.Now())
			if _, err := c.Datasets.Update(ctx, ds.ID, &up); err != nil {
				t.Fatal(err)
			}
			after, err := c.Datasets.Get(ctx, ds.ID)
			if err != nil {
				t.Fatal(err)
			}
			compareQuality(t, predicted, after.Quality)
		})
	}
}

// compareQuality fails on each criterion the prediction got wrong, and on
// a score that is not the share of the criteria met.
func compareQuality(t *testing.T, predicted map[string]bool, site *client.Quality) {
	t.Helper()
	if site == nil {
		t.Fatal("the site answered no quality")
	}
	got := provider.PortalQuality(site)
	met := 0
	for _, k := range provider.QualityKeys() {
		if predicted[k] != got[k] {
			t.Errorf("%s: predicted %v, the site computed %v (site: %+v)", k, predicted[k], got[k], *site)
		}
		if got[k] && k != "has_resources" {
			met++
		}
	}
	if math.Abs(site.Score-float64(met)/9) > 1e-12 {
		t.Errorf("site score %v for %d criteria met", site.Score, met)
	}
}
