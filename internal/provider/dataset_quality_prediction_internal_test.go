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
	long := strings.Repeat("x", 101)
	for _, tc := range []struct {
		name   string
		in     client.DatasetInput
		before *qualityBefore
		want   []string // criteria met
	}{
		{"nothing", client.DatasetInput{Description: "d"}, nil, nil},
		{"notspecified is a licence", client.DatasetInput{License: strp("notspecified")}, nil, []string{"license"}},
		{"empty licence", client.DatasetInput{License: strp("")}, nil, nil},
		{"description of exactly 100 characters", client.DatasetInput{Description: strings.Repeat("x", 100)}, nil, nil},
		{"description of 101 characters", client.DatasetInput{Description: long}, nil, []string{"dataset_description_quality"}},
		{"characters, not bytes", client.DatasetInput{Description: strings.Repeat("é", 100)}, nil, nil},
		{"temporal coverage", client.DatasetInput{TemporalCoverage: &client.TemporalCoverage{Start: "2020-01-01"}}, nil, []string{"temporal_coverage"}},
		{"granularity alone is a coverage", client.DatasetInput{Spatial: &client.SpatialInput{Granularity: "other"}}, nil, []string{"spatial"}},
		{"null spatial keeps the portal's", client.DatasetInput{}, &qualityBefore{criteria: qualityCriteria{"spatial": true}}, []string{"spatial"}},
		{"unknown frequency", client.DatasetInput{Frequency: strp("unknown")}, nil, nil},
		{"frequency without period is in time", client.DatasetInput{Frequency: strp("irregular")}, nil, []string{"update_frequency", "update_fulfilled_in_time"}},
		{"daily, no files: the write is the update", client.DatasetInput{Frequency: strp("daily")},
			&qualityBefore{criteria: qualityCriteria{}, frequency: "weekly"}, []string{"update_frequency", "update_fulfilled_in_time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, known := predictQuality(&tc.in, tc.before)
			if !known {
				t.Fatal("prediction unknown")
			}
			checkCriteria(t, q, tc.want)
		})
	}
}

// TestPredictQuality_filesCarryOver: a dataset's write leaves its files as
// they are, and the portal's verdict on them with them.
func TestPredictQuality_filesCarryOver(t *testing.T) {
	files := qualityCriteria{"has_resources": true, "has_open_format": true, "all_resources_available": false, "resources_documentation": true,
		"license": true, "temporal_coverage": true}
	q, _ := predictQuality(&client.DatasetInput{}, &qualityBefore{criteria: files})
	checkCriteria(t, q, []string{"has_resources", "has_open_format", "resources_documentation"})
}

// TestPredictQuality_inTime: with files, the portal's verdict for the same
// frequency; for another, next_update (the files' last update plus the
// period) at most one day before the refresh (timedelta.days); unknown
// without the refresh's time.
func TestPredictQuality_inTime(t *testing.T) {
	readAt := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	withFiles := func(frequency, last string, inTime bool) *qualityBefore {
		l, err := time.Parse(time.RFC3339, last)
		if err != nil {
			t.Fatal(err)
		}
		return &qualityBefore{criteria: qualityCriteria{"has_resources": true, "update_fulfilled_in_time": inTime},
			frequency: frequency, lastUpdate: &l, readAt: &readAt}
	}
	for _, tc := range []struct {
		frequency string
		before    *qualityBefore
		want      bool
	}{
		{"daily", withFiles("weekly", "2026-01-10T00:00:00Z", false), true},
		{"daily", withFiles("weekly", "2026-01-08T12:00:00Z", false), true}, // next update one day before
		{"daily", withFiles("weekly", "2026-01-08T11:59:00Z", true), false}, // a minute more: -2 days
		{"weekly", withFiles("daily", "2026-01-03T00:00:00Z", false), true},
		{"weekly", withFiles("daily", "2026-01-02T00:00:00Z", true), false},
		{"monthly", withFiles("unknown", "2025-11-01T00:00:00Z", true), false},
		{"irregular", withFiles("daily", "2000-01-01T00:00:00Z", false), true},
		{"daily", withFiles("daily", "2000-01-01T00:00:00Z", true), true}, // the portal's verdict
		{"daily", withFiles("daily", "2026-01-10T00:00:00Z", false), false},
	} {
		q, known := predictQuality(&client.DatasetInput{Frequency: &tc.frequency}, tc.before)
		if !known || q["update_fulfilled_in_time"] != tc.want {
			t.Errorf("%s after %s since %s: in time %v (known %v), want %v", tc.frequency, tc.before.frequency, tc.before.lastUpdate,
				q["update_fulfilled_in_time"], known, tc.want)
		}
	}
	noTime := withFiles("weekly", "2026-01-10T00:00:00Z", true)
	noTime.readAt = nil
	if _, known := predictQuality(&client.DatasetInput{Frequency: strp("daily")}, noTime); known {
		t.Error("a frequency change on a dataset with files, without the refresh's time, is predicted")
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
	if scoreBelow(5.0/9, 0.5555555555555556) || !scoreBelow(4.0/9, 0.5) {
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
