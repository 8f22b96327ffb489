package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

func strp(s string) *string { return &s }

// TestPredictQuality_datasetFields: the five criteria the dataset's own
// fields decide, from the body sent (compute_quality).
func TestPredictQuality_datasetFields(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	long := strings.Repeat("x", 101)
	for _, tc := range []struct {
		name string
		in   client.DatasetInput
		cur  *client.Dataset
		want []string // criteria met
	}{
		{"nothing", client.DatasetInput{Description: "d"}, nil, nil},
		{"notspecified is a licence", client.DatasetInput{License: strp("notspecified")}, nil, []string{"license"}},
		{"empty licence", client.DatasetInput{License: strp("")}, nil, nil},
		{"description of exactly 100 characters", client.DatasetInput{Description: strings.Repeat("x", 100)}, nil, nil},
		{"description of 101 characters", client.DatasetInput{Description: long}, nil, []string{"dataset_description_quality"}},
		{"characters, not bytes", client.DatasetInput{Description: strings.Repeat("é", 100)}, nil, nil},
		{"temporal coverage", client.DatasetInput{TemporalCoverage: &client.TemporalCoverage{Start: "2020-01-01"}}, nil, []string{"temporal_coverage"}},
		{"granularity alone is a coverage", client.DatasetInput{Spatial: &client.SpatialInput{Granularity: "other"}}, nil, []string{"spatial"}},
		{"null spatial keeps the portal's", client.DatasetInput{}, &client.Dataset{Spatial: &client.Spatial{}}, []string{"spatial"}},
		{"unknown frequency", client.DatasetInput{Frequency: strp("unknown")}, nil, nil},
		{"frequency without period is in time", client.DatasetInput{Frequency: strp("irregular")}, nil, []string{"update_frequency", "update_fulfilled_in_time"}},
		{"daily, no files: the write is the update", client.DatasetInput{Frequency: strp("daily")}, &client.Dataset{LastUpdate: strp("2020-01-01T00:00:00+00:00")},
			[]string{"update_frequency", "update_fulfilled_in_time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCriteria(t, predictQuality(&tc.in, tc.cur, now), tc.want)
		})
	}
}

// TestPredictQuality_files: the files' criteria, from the portal's files.
func TestPredictQuality_files(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	file := func(format, typ, desc, filetype string, available any) client.Resource {
		r := client.Resource{Type: typ, Filetype: filetype, Extras: map[string]any{}}
		if format != "-" {
			r.Format = strp(format)
		}
		if desc != "" {
			r.Description = strp(desc)
		}
		if available != nil {
			r.Extras["check:available"] = available
		}
		return r
	}
	for _, tc := range []struct {
		name  string
		files []client.Resource
		want  []string
	}{
		{"no files: none of the four", nil, nil},
		{"closed formats", []client.Resource{file("pdf", "main", "", "remote", nil), file("XLSX", "main", "", "file", nil)},
			[]string{"has_resources", "all_resources_available"}},
		{"missing and empty format", []client.Resource{file("-", "main", "", "remote", nil), file("", "main", "", "remote", nil)},
			[]string{"has_resources", "all_resources_available"}},
		{"one open format is enough", []client.Resource{file("pdf", "main", "", "remote", nil), file("csv", "main", "", "remote", nil)},
			[]string{"has_resources", "has_open_format", "all_resources_available"}},
		{"a documentation file", []client.Resource{file("pdf", "documentation", "", "remote", nil)},
			[]string{"has_resources", "all_resources_available", "resources_documentation"}},
		{"a described file", []client.Resource{file("pdf", "main", "about", "remote", nil)},
			[]string{"has_resources", "all_resources_available", "resources_documentation"}},
		{"a remote file found unavailable", []client.Resource{file("csv", "main", "", "remote", false)},
			[]string{"has_resources", "has_open_format"}},
		{"an uploaded file is not checked", []client.Resource{file("csv", "main", "", "file", false)},
			[]string{"has_resources", "has_open_format", "all_resources_available"}},
		{"unknown counts as available", []client.Resource{file("csv", "main", "", "remote", "unknown")},
			[]string{"has_resources", "has_open_format", "all_resources_available"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCriteria(t, predictQuality(&client.DatasetInput{}, &client.Dataset{Resources: tc.files}, now), tc.want)
		})
	}
}

// TestPredictQuality_inTime: with files, next_update is their last update
// plus the period, and one day late is still in time (timedelta.days).
func TestPredictQuality_inTime(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	withFiles := func(last string) *client.Dataset {
		return &client.Dataset{LastUpdate: strp(last), Resources: []client.Resource{{Format: strp("csv")}}}
	}
	for _, tc := range []struct {
		frequency, last string
		want            bool
	}{
		{"daily", "2026-01-10T00:00:00+00:00", true},
		{"daily", "2026-01-08T12:00:00+00:00", true},  // next update now minus one day: -1 day
		{"daily", "2026-01-08T11:59:00+00:00", false}, // a minute more: -2 days
		{"weekly", "2026-01-03T00:00:00+00:00", true},
		{"weekly", "2026-01-02T00:00:00+00:00", false},
		{"monthly", "2025-11-01T00:00:00+00:00", false},
		{"irregular", "2000-01-01T00:00:00+00:00", true},
	} {
		q := predictQuality(&client.DatasetInput{Frequency: &tc.frequency}, withFiles(tc.last), now)
		if q["update_fulfilled_in_time"] != tc.want {
			t.Errorf("%s since %s: in time %v, want %v", tc.frequency, tc.last, q["update_fulfilled_in_time"], tc.want)
		}
	}
}

// TestQualityScore: ninths of the nine criteria; has_resources not counted.
func TestQualityScore(t *testing.T) {
	q := qualityCriteria{"license": true, "has_resources": true, "has_open_format": true}
	if got := q.score(); got != 2.0/9 {
		t.Errorf("score %v, want 2/9", got)
	}
	lost := qualityCriteria{"license": true}.lost(qualityCriteria{"license": true, "spatial": true, "has_open_format": true})
	if strings.Join(lost, "; ") != "a spatial coverage; a file in an open format" {
		t.Errorf("lost %q", lost)
	}
	if below(5.0/9, 0.5555555555555556) || !below(4.0/9, 0.5) {
		t.Error("below is not ninths-aware")
	}
}

func checkCriteria(t *testing.T, got qualityCriteria, want []string) {
	t.Helper()
	wanted := map[string]bool{}
	for _, k := range want {
		wanted[k] = true
	}
	for _, k := range append([]string{"has_resources"}, qualityKeys()...) {
		if got[k] != wanted[k] {
			t.Errorf("%s: %v, want %v (got %v)", k, got[k], wanted[k], got)
		}
	}
}

func qualityKeys() []string {
	keys := make([]string, 0, len(qualityCriteriaOrder))
	for _, c := range qualityCriteriaOrder {
		keys = append(keys, c.key)
	}
	return keys
}
