package provider

import (
	"time"

	"github.com/datagouv-community/terraform-provider-datagouv/internal/client"
)

// The metadata quality a dataset will have once a write is applied, as
// udata 17.6.0 computes it: this mirrors Dataset.compute_quality, the
// read-time update_fulfilled_in_time of Dataset.quality and
// Dataset.compute_quality_score (udata/core/dataset/models.py). It is the
// provider's only copy of those rules; dataset_quality_prediction_internal_test.go
// checks it table by table, and dataset_quality_udata_test.go against the server
// itself.

// qualityDescriptionLength is udata's QUALITY_DESCRIPTION_LENGTH: a
// description counts when it is longer than this many characters.
const qualityDescriptionLength = 100

// qualityMaxScore is compute_quality_score's normalisation (QUALITY_MAX_SCORE).
const qualityMaxScore = 9

// qualityFrequencyPeriods are the UpdateFrequency deltas; a frequency not
// here (continuous, punctual, irregular, never, notPlanned, other) has none,
// and udata counts it as always updated in time.
var qualityFrequencyPeriods = map[string]time.Duration{
	"oneMinute": time.Minute, "fiveMinutes": 5 * time.Minute, "tenMinutes": 10 * time.Minute,
	"fifteenMinutes": 15 * time.Minute, "thirtyMinutes": 30 * time.Minute, "hourly": time.Hour,
	"bihourly": 2 * time.Hour, "trihourly": 3 * time.Hour, "twelveHours": 12 * time.Hour,
	"severalTimesADay": qualityDay, "threeTimesADay": qualityDay, "semidaily": qualityDay, "daily": qualityDay,
	"fiveTimesAWeek": 7 * qualityDay, "threeTimesAWeek": 7 * qualityDay, "semiweekly": 7 * qualityDay, "weekly": 7 * qualityDay,
	"biweekly": 14 * qualityDay, "threeTimesAMonth": 31 * qualityDay, "semimonthly": 31 * qualityDay, "monthly": 31 * qualityDay,
	"bimonthly": 62 * qualityDay, "quarterly": 93 * qualityDay, "threeTimesAYear": 365 * qualityDay,
	"semiannual": 365 * qualityDay, "annual": 365 * qualityDay, "biennial": 2 * 365 * qualityDay,
	"triennial": 3 * 365 * qualityDay, "quadrennial": 4 * 365 * qualityDay, "quinquennial": 5 * 365 * qualityDay,
	"decennial": 10 * 365 * qualityDay, "bidecennial": 20 * 365 * qualityDay, "tridecennial": 30 * 365 * qualityDay,
	// Legacy names udata rewrites (legacyFrequencies).
	"fortnighly": 14 * qualityDay, "biannual": 365 * qualityDay, "fourTimesADay": qualityDay,
}

const qualityDay = 24 * time.Hour

// qualityCriterion is one of udata's nine criteria: its key in the
// portal's quality object, and how a diagnostic names it.
type qualityCriterion struct {
	key, label string
}

// qualityCriteriaOrder lists the criteria in compute_quality_score's order.
var qualityCriteriaOrder = []qualityCriterion{
	{"license", "a licence"},
	{"temporal_coverage", "a temporal coverage"},
	{"spatial", "a spatial coverage"},
	{"update_frequency", "an update frequency"},
	{"update_fulfilled_in_time", "updated in time for its frequency"},
	{"dataset_description_quality", "a description longer than 100 characters"},
	{"has_open_format", "a file in an open format"},
	{"all_resources_available", "all remote files available"},
	{"resources_documentation", "a documentation file or a described file"},
}

// qualityCriteria are the criteria met, by key (has_resources included,
// which the score does not count).
type qualityCriteria map[string]bool

// score is compute_quality_score: the share of the nine criteria met.
func (q qualityCriteria) score() float64 {
	n := 0
	for _, c := range qualityCriteriaOrder {
		if q[c.key] {
			n++
		}
	}
	return float64(n) / qualityMaxScore
}

// lost names the criteria met in before and not in q, in udata's order.
func (q qualityCriteria) lost(before qualityCriteria) []string {
	var labels []string
	for _, c := range qualityCriteriaOrder {
		if before[c.key] && !q[c.key] {
			labels = append(labels, c.label)
		}
	}
	return labels
}

// missing names the criteria q does not meet, in udata's order.
func (q qualityCriteria) missing() []string {
	var labels []string
	for _, c := range qualityCriteriaOrder {
		if !q[c.key] {
			labels = append(labels, c.label)
		}
	}
	return labels
}

// qualityBefore is the dataset as the plan's refresh found it: the
// portal's quality then, its frequency, its last update and when it was
// read. The plan takes it from the prior state, which Terraform hands again
// to the plan it makes at apply: both plans predict the same.
type qualityBefore struct {
	criteria   qualityCriteria
	frequency  string
	lastUpdate *time.Time
	readAt     *time.Time
}

// predictQuality is the quality udata will compute once in (the body the
// provider sends) is written over the dataset before (nil for a create).
// known is false when the prediction needs what the state does not hold
// (when the refresh read a dataset with files whose frequency changes).
//
// The dataset's own fields decide five criteria. The files' criteria are
// the portal's, unchanged: a dataset's write leaves its files as they are.
func predictQuality(in *client.DatasetInput, before *qualityBefore) (q qualityCriteria, known bool) {
	q = qualityCriteria{
		// A licence sent counts, "notspecified" included (a License
		// document is truthy); compute_quality runs in clean() before a
		// non-open access type clears it.
		"license":           in.License != nil && *in.License != "",
		"temporal_coverage": in.TemporalCoverage != nil && in.TemporalCoverage.Start != "",
		// A coverage sent, even of granularity "other" alone, is a
		// SpatialCoverage document; a null one leaves the current one.
		"spatial":                     in.Spatial != nil || (before != nil && before.criteria["spatial"]),
		"dataset_description_quality": len([]rune(in.Description)) > qualityDescriptionLength,
	}
	known = true
	if before != nil {
		for _, k := range []string{"has_resources", "has_open_format", "all_resources_available", "resources_documentation"} {
			q[k] = before.criteria[k]
		}
	}
	frequency := ""
	if in.Frequency != nil {
		frequency = *in.Frequency
	}
	if frequency != "" && frequency != defaultFrequency {
		q["update_frequency"] = true
		q["update_fulfilled_in_time"], known = updatedInTime(frequency, before)
	}
	return q, known
}

// updatedInTime is Dataset.quality's update_fulfilled_in_time once the
// write is done: next_update (last_update plus the frequency's period) at
// most one day before now. A frequency without a period is always in time.
// A dataset without files takes the write as its last update
// (compute_last_update falls back to last_modified): in time. One with
// files keeps its files' last update: the portal's verdict at the refresh
// for the same frequency, else computed at the refresh's time.
func updatedInTime(frequency string, before *qualityBefore) (inTime, known bool) {
	period, ok := qualityFrequencyPeriods[frequency]
	switch {
	case !ok, before == nil, !before.criteria["has_resources"]:
		return true, true
	case frequency == before.frequency:
		return before.criteria["update_fulfilled_in_time"], true
	case before.lastUpdate == nil || before.readAt == nil:
		return false, false
	}
	// timedelta.days rounds towards minus infinity.
	late := before.lastUpdate.Add(period).Sub(*before.readAt)
	days := int64(late / qualityDay)
	if late < 0 && late%qualityDay != 0 {
		days--
	}
	return days >= -1, true
}

// qualityFromPortal is the portal's quality as criteria.
func qualityFromPortal(p *client.Quality) qualityCriteria {
	if p == nil {
		return qualityCriteria{}
	}
	deref := func(b *bool) bool { return b != nil && *b }
	return qualityCriteria{
		"license": p.License, "temporal_coverage": p.TemporalCoverage, "spatial": p.Spatial,
		"update_frequency": p.UpdateFrequency, "update_fulfilled_in_time": deref(p.UpdateFulfilledInTime),
		"dataset_description_quality": p.DatasetDescriptionQuality, "has_resources": deref(p.HasResources),
		"has_open_format": deref(p.HasOpenFormat), "all_resources_available": deref(p.AllResourcesAvailable),
		"resources_documentation": deref(p.ResourcesDocumentation),
	}
}
